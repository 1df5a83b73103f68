package io.backline.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.backline.core.BackupException;
import io.backline.core.ErrorCode;
import io.backline.core.Stage;
import io.backline.core.ToolException;
import io.backline.jdbc.DatabaseAccessException.Problem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PostgresErrorsTest {
    @TempDir
    Path dir;

    private TestDatabases.Scratch scratch;
    private String database;
    private final CountingSink sink = new CountingSink();

    @BeforeEach
    void createDatabase() throws Exception {
        scratch = TestDatabases.Scratch.postgres();
        database = scratch.create("bl_pg_err");
    }

    @AfterEach
    void dropDatabases() throws Exception {
        if (scratch != null) {
            scratch.close();
        }
    }

    private BackupException backupFails(PostgresSource source) {
        Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(
                () -> source.writeTo(sink, Payloads.sourceContext(dir)));
        assertThat(thrown).isInstanceOf(BackupException.class);
        assertThat(sink.bytes()).as("nothing is written before the failure").isZero();
        BackupException e = (BackupException) thrown;
        assertThat(e.stage()).contains(Stage.SOURCE);
        assertThat(e.backupRef()).isPresent();
        return e;
    }

    private Path script(String name, String body) throws Exception {
        Path tools = Files.createDirectories(dir.resolve("tools"));
        Path file = tools.resolve(name);
        Files.writeString(file, "#!/bin/sh\n" + body);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwx------"));
        return tools;
    }

    @Test
    void unknownRole_isAnAuthenticationError() {
        BackupException e = backupFails(PostgresSource.builder().jdbcUrl(scratch.url(database))
                .user("no_such_role_backline").password("whatever-secret").build());

        assertThat(e).isInstanceOf(DatabaseAccessException.class);
        assertThat(((DatabaseAccessException) e).problem()).isEqualTo(Problem.AUTHENTICATION);
        assertThat(e.getMessage()).contains("no_such_role_backline").doesNotContain("whatever-secret");
    }

    @Test
    void unknownHost_isAnUnreachableError() {
        BackupException e = backupFails(PostgresSource.builder()
                .url("postgresql://postgres:hunter2@no-such-host.invalid:5432/db").build());

        assertThat(((DatabaseAccessException) e).problem()).isEqualTo(Problem.UNREACHABLE);
        assertThat(e.getMessage()).contains("no-such-host.invalid").doesNotContain("hunter2");
    }

    @Test
    void missingDatabase_isNamedInTheError() {
        BackupException e = backupFails(PostgresSource.builder()
                .jdbcUrl(scratch.url(database + "_missing")).build());

        assertThat(((DatabaseAccessException) e).problem()).isEqualTo(Problem.DATABASE_MISSING);
        assertThat(e.getMessage()).contains(database + "_missing");
    }

    @Test
    void pgDumpOlderThanTheServer_failsBeforeStartingWithAHelpfulMessage() throws Exception {
        Path tools = script("pg_dump", """
                if [ "$1" = "--version" ]; then echo "pg_dump (PostgreSQL) 9.6.0"; exit 0; fi
                echo "must not run" >&2; exit 3
                """);
        RecordingLauncher launcher = new RecordingLauncher();

        BackupException e = backupFails(PostgresSource.builder().jdbcUrl(scratch.url(database))
                .toolDirectory(tools).processLauncher(launcher).build());

        assertThat(e).isInstanceOf(ToolException.class);
        assertThat(e.code()).isEqualTo(ErrorCode.TOOL_VERSION);
        assertThat(e.getMessage()).contains("PostgreSQL server 15.").contains("pg_dump 15 or newer")
                .contains("9.6.0").contains(tools.toString()).contains("toolDirectory");
        assertThat(launcher.runsOf("pg_dump")).isEmpty();
    }

    @Test
    void toolMissingFromTheConfiguredDirectory_isToolMissing() throws Exception {
        Path empty = Files.createDirectories(dir.resolve("empty"));

        BackupException e = backupFails(PostgresSource.builder().jdbcUrl(scratch.url(database))
                .toolDirectory(empty).build());

        assertThat(e.code()).isEqualTo(ErrorCode.TOOL_MISSING);
        assertThat(e.getMessage()).contains("pg_dump").contains(empty.toString()).contains("toolDirectory");
    }

    @Test
    void toolMissingFromTheSearchPath_isToolMissing() throws Exception {
        Path empty = Files.createDirectories(dir.resolve("empty"));

        BackupException e = backupFails(PostgresSource.builder().jdbcUrl(scratch.url(database))
                .toolSearchPath(List.of(empty, dir.resolve("does-not-exist"))).build());

        assertThat(e.code()).isEqualTo(ErrorCode.TOOL_MISSING);
    }

    @Test
    void searchPath_skipsTooOldToolsAndUsesTheFirstThatFits() throws Exception {
        Path old = script("pg_dump", "echo 'pg_dump (PostgreSQL) 9.6.0'\n");
        RecordingLauncher launcher = new RecordingLauncher();

        PostgresSource source = PostgresSource.builder().jdbcUrl(scratch.url(database)).processLauncher(launcher)
                .toolSearchPath(List.of(old, Path.of("/usr/lib/postgresql/15/bin"))).build();
        var report = source.writeTo(sink, Payloads.sourceContext(dir));

        assertThat(report.database().toolVersion()).startsWith("15.");
        assertThat(launcher.runsOf("pg_dump")).singleElement()
                .satisfies(l -> assertThat(l.spec().command().get(0)).isEqualTo("/usr/lib/postgresql/15/bin/pg_dump"));
    }

    @Test
    void pgDumpFailing_isToolFailedWithItsStderrAndNoPassword() throws Exception {
        Path tools = script("pg_dump", """
                if [ "$1" = "--version" ]; then echo "pg_dump (PostgreSQL) 99.1"; exit 0; fi
                printf 'partial' ; echo "pg_dump: error: boom, password was Sup3r-Secret" >&2; exit 1
                """);

        Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(() -> PostgresSource.builder()
                .jdbcUrl(scratch.url(database)).password("Sup3r-Secret").toolDirectory(tools).build()
                .writeTo(sink, Payloads.sourceContext(dir)));

        assertThat(thrown).isInstanceOf(ToolException.class);
        assertThat(((ToolException) thrown).code()).isEqualTo(ErrorCode.TOOL_FAILED);
        assertThat(thrown.getMessage()).contains("exited with status 1").contains("boom")
                .doesNotContain("Sup3r-Secret");
        assertThat(sink.bytes()).as("bytes were produced, still a failure").isEqualTo(7);
    }

    @Test
    void builder_rejectsMissingUrlDatabaseAndBadNames() {
        assertThatThrownBy(() -> PostgresSource.builder().build()).hasMessageContaining("jdbcUrl");
        assertThatThrownBy(() -> PostgresSource.builder().jdbcUrl("jdbc:postgresql://h:5432/").build())
                .hasMessageContaining("database");
        assertThatThrownBy(() -> PostgresSource.builder().name("Bad Name")).hasMessageContaining("[a-z0-9]");
        assertThatThrownBy(() -> PostgresSource.builder().jdbcUrl("jdbc:mysql://h/db"))
                .hasMessageContaining("jdbc:postgresql:");
        assertThatThrownBy(() -> PostgresTarget.builder().jdbcUrl("jdbc:postgresql://h/db").build())
                .hasMessageContaining("mode");
    }
}
