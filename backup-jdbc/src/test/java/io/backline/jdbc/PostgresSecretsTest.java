package io.backline.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server trusts 127.0.0.1, so any password connects; what matters here is where the password travels.
 */
class PostgresSecretsTest {
    private static final String PASSWORD = "pa:ss\\w0rd-Xy9!";

    @TempDir
    Path dir;

    private TestDatabases.Scratch scratch;
    private String database;

    @BeforeEach
    void createDatabase() throws Exception {
        scratch = TestDatabases.Scratch.postgres();
        database = scratch.create("bl_pg_sec");
        try (Connection c = scratch.connect(database)) {
            PostgresInspect.run(c, "CREATE TABLE t (id int); INSERT INTO t VALUES (1), (2);");
        }
    }

    @AfterEach
    void dropDatabases() throws Exception {
        if (scratch != null) {
            scratch.close();
        }
    }

    private static void assertNoPasswordIn(RecordingLauncher.Launch launch) {
        assertThat(launch.spec().command()).noneMatch(arg -> arg.contains(PASSWORD) || arg.contains("pa:ss"));
        assertThat(launch.spec().addedEnvironment().values()).noneMatch(v -> v.contains("pa:ss"));
        assertThat(launch.spec().addedEnvironment()).containsKey("PGPASSFILE");
        assertThat(launch.spec().removedEnvironment()).contains("PGPASSWORD");
        assertThat(launch.permissions()).isEqualTo("rw-------");
        assertThat(launch.credentials()).isEqualTo("*:*:*:postgres:pa\\:ss\\\\w0rd-Xy9!\n");
        assertThat(launch.credentialsFile()).doesNotExist();
    }

    @Test
    void password_isInNeitherArgvNorEnvironmentNorDescription_andThePassFileIsGoneAfterwards() throws Exception {
        RecordingLauncher launcher = new RecordingLauncher();
        PostgresSource source = PostgresSource.builder().jdbcUrl(scratch.url(database)).password(PASSWORD)
                .processLauncher(launcher).build();

        Payloads.Written backup = Payloads.backup(source, dir);

        var dump = launcher.runsOf("pg_dump");
        assertThat(dump).hasSize(1);
        assertThat(dump.get(0).spec().command()).contains("--host=127.0.0.1", "--port=5432", "--username=postgres",
                "--no-password", "--format=custom", "--compress=0", "--dbname=dbname='" + database + "'");
        assertThat(dump.get(0).spec().command()).anyMatch(arg -> arg.startsWith("--snapshot="));
        assertNoPasswordIn(dump.get(0));
        assertThat(source.description()).isEqualTo("postgresql://postgres@127.0.0.1:5432/" + database);
        assertThat(source.toString()).doesNotContain(PASSWORD);
        try (var files = Files.list(dir.resolve("tmp"))) {
            assertThat(files).isEmpty();
        }

        String copy = scratch.name("bl_pg_sec_copy");
        RecordingLauncher restoreLauncher = new RecordingLauncher();
        PostgresTarget target = PostgresTarget.builder().jdbcUrl(scratch.url(copy)).password(PASSWORD.toCharArray())
                .mode(RestoreMode.CREATE_NEW).processLauncher(restoreLauncher).build();
        try (InputStream in = Files.newInputStream(backup.file())) {
            target.restore(in, backup.manifest(), Payloads.restoreContext(dir.resolve("tmp")));
        }
        assertNoPasswordIn(restoreLauncher.runsOf("pg_restore").get(0));
        assertThat(target.describe() + target).doesNotContain(PASSWORD);
    }

    @Test
    void passwordInTheUrl_isMaskedEverywhere() {
        PostgresSource fromUri = PostgresSource.builder()
                .url("postgresql://postgres:hunter2secret@127.0.0.1:5432/" + database + "?sslmode=disable").build();
        PostgresSource fromJdbc = PostgresSource.builder()
                .jdbcUrl(scratch.url(database) + "&password=hunter2secret").build();

        for (PostgresSource source : new PostgresSource[] {fromUri, fromJdbc}) {
            assertThat(source.description()).doesNotContain("hunter2secret").contains(database);
            assertThat(source.toString()).doesNotContain("hunter2secret");
            assertThat(source.name()).isEqualTo(database.replace('_', '_'));
        }
    }
}
