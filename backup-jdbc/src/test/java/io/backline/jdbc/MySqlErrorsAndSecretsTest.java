package io.backline.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.backline.core.BackupException;
import io.backline.core.ErrorCode;
import io.backline.core.Stage;
import io.backline.core.ToolException;
import io.backline.jdbc.DatabaseAccessException.Problem;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MySqlErrorsAndSecretsTest {
    private static final String PASSWORD = "Rt#p\"w d\\x'Q";

    @TempDir
    Path dir;

    private TestDatabases.Scratch scratch;
    private String database;
    private String user;
    private final CountingSink sink = new CountingSink();

    @BeforeEach
    void createDatabaseAndUserWithPassword() throws Exception {
        scratch = TestDatabases.Scratch.mysql();
        database = scratch.create("bl_my_err");
        user = TestDatabases.uniqueName("bl_user");
        try (Connection c = scratch.connect(database); var s = c.createStatement()) {
            s.execute("CREATE TABLE t (id INT PRIMARY KEY, v VARCHAR(10))");
            s.execute("INSERT INTO t VALUES (1, 'a'), (2, 'b')");
            try (var create = c.prepareStatement("CREATE USER '" + user + "'@'%' IDENTIFIED BY ?")) {
                create.setString(1, PASSWORD);
                create.execute();
            }
            s.execute("GRANT ALL PRIVILEGES ON *.* TO '" + user + "'@'%'");
        }
    }

    @AfterEach
    void dropDatabasesAndUser() throws Exception {
        if (scratch != null) {
            try {
                scratch.execute("DROP USER IF EXISTS '" + user + "'@'%'");
            } finally {
                scratch.close();
            }
        }
    }

    private String urlWithoutUser(String db) {
        return "jdbc:mariadb://127.0.0.1:3306/" + db;
    }

    private BackupException backupFails(MySqlSource source) {
        Throwable thrown = catchThrowable(() -> source.writeTo(sink, Payloads.sourceContext(dir)));
        assertThat(thrown).isInstanceOf(BackupException.class);
        assertThat(sink.bytes()).as("nothing is written before the failure").isZero();
        assertThat(((BackupException) thrown).stage()).contains(Stage.SOURCE);
        return (BackupException) thrown;
    }

    private Path script(String name, String body) throws Exception {
        Path tools = Files.createDirectories(dir.resolve("tools"));
        Path file = tools.resolve(name);
        Files.writeString(file, "#!/bin/sh\n" + body);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwx------"));
        return tools;
    }

    @Test
    void wrongPassword_isAnAuthenticationErrorWithoutThePassword() {
        BackupException e = backupFails(MySqlSource.builder().jdbcUrl(urlWithoutUser(database)).user(user)
                .password("not-the-password").build());

        assertThat(((DatabaseAccessException) e).problem()).isEqualTo(Problem.AUTHENTICATION);
        assertThat(e.getMessage()).contains(user).doesNotContain("not-the-password");
    }

    @Test
    void unknownHost_isUnreachable() {
        BackupException e = backupFails(MySqlSource.builder()
                .url("mysql://root:topsecret@no-such-host.invalid:3306/db").build());

        assertThat(((DatabaseAccessException) e).problem()).isEqualTo(Problem.UNREACHABLE);
        assertThat(e.getMessage()).doesNotContain("topsecret");
    }

    @Test
    void missingDatabase_isNamed() {
        BackupException e = backupFails(MySqlSource.builder().jdbcUrl(scratch.url(database + "_missing")).build());

        assertThat(((DatabaseAccessException) e).problem()).isEqualTo(Problem.DATABASE_MISSING);
        assertThat(e.getMessage()).contains(database + "_missing");
    }

    @Test
    void dumpToolOlderThanTheServer_failsBeforeStarting() throws Exception {
        Path tools = script("mariadb-dump", """
                if [ "$1" = "--version" ]; then echo "mariadb-dump  Ver 10.19 Distrib 5.5.68-MariaDB, for Linux"; exit 0; fi
                exit 3
                """);

        BackupException e = backupFails(MySqlSource.builder().jdbcUrl(scratch.url(database)).toolDirectory(tools)
                .build());

        assertThat(e.code()).isEqualTo(ErrorCode.TOOL_VERSION);
        assertThat(e.getMessage()).contains("MariaDB server 10.11").contains("5.5.68-MariaDB")
                .contains("toolDirectory");
    }

    @Test
    void dumpToolMissing_isToolMissing() throws Exception {
        BackupException e = backupFails(MySqlSource.builder().jdbcUrl(scratch.url(database))
                .toolSearchPath(List.of(Files.createDirectories(dir.resolve("empty")))).build());

        assertThat(e).isInstanceOf(ToolException.class);
        assertThat(e.code()).isEqualTo(ErrorCode.TOOL_MISSING);
        assertThat(e.getMessage()).contains("mariadb-dump/mysqldump");
    }

    @Test
    void password_travelsOnlyInTheDefaultsFile_whichIsFirstAndGoneAfterwards() throws Exception {
        RecordingLauncher launcher = new RecordingLauncher();
        MySqlSource source = MySqlSource.builder().jdbcUrl(urlWithoutUser(database)).user(user)
                .password(PASSWORD.toCharArray()).processLauncher(launcher).build();

        Payloads.Written backup = Payloads.backup(source, dir);

        var dump = launcher.runsOf("mariadb-dump");
        assertThat(dump).hasSize(1);
        List<String> argv = dump.get(0).spec().command();
        assertThat(argv.get(1)).startsWith("--defaults-extra-file=");
        assertThat(argv).contains("--single-transaction", "--routines", "--triggers", "--events", "--hex-blob",
                "--default-character-set=utf8mb4", "--host=127.0.0.1", "--port=3306", "--protocol=TCP", database)
                .doesNotContain("--set-gtid-purged=OFF");
        assertThat(argv).noneMatch(arg -> arg.contains("Rt#p"));
        assertThat(dump.get(0).spec().addedEnvironment()).isEmpty();
        assertThat(dump.get(0).spec().removedEnvironment()).contains("MYSQL_PWD");
        assertThat(dump.get(0).permissions()).isEqualTo("rw-------");
        assertThat(dump.get(0).credentials()).contains("user=\"" + user + "\"")
                .contains("password=\"Rt#p\"w d\\\\x'Q\"");
        assertThat(dump.get(0).credentialsFile()).doesNotExist();
        assertThat(source.description() + source).doesNotContain("Rt#p");
        assertThat(backup.report().database().tables()).singleElement()
                .satisfies(t -> assertThat(t.rows()).isEqualTo(2));

        RecordingLauncher restoreLauncher = new RecordingLauncher();
        String copy = scratch.name("bl_my_err_copy");
        MySqlTarget target = MySqlTarget.builder().url("mariadb://" + user + ":"
                        + java.net.URLEncoder.encode(PASSWORD, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20")
                        + "@127.0.0.1:3306/" + copy)
                .mode(RestoreMode.CREATE_NEW).processLauncher(restoreLauncher).build();
        try (InputStream in = Files.newInputStream(backup.file())) {
            target.restore(in, backup.manifest(), Payloads.restoreContext(dir));
        }
        var client = restoreLauncher.runsOf("mariadb");
        assertThat(client).hasSize(1);
        assertThat(client.get(0).spec().command().get(1)).startsWith("--defaults-extra-file=");
        assertThat(client.get(0).spec().command()).noneMatch(arg -> arg.contains("Rt#p"));
        assertThat(client.get(0).credentialsFile()).doesNotExist();
        assertThat(target.describe() + target).doesNotContain("Rt#p").doesNotContain("Rt%23p");
    }

    @Test
    void dumpToolFailing_isToolFailedWithMaskedStderr() throws Exception {
        Path tools = script("mariadb-dump", """
                if [ "$1" = "--version" ]; then echo "mariadb-dump  Ver 10.19 Distrib 10.11.19-MariaDB"; exit 0; fi
                echo "mariadb-dump: Got error: 1045: password=whatever denied" >&2
                cat "$(dirname "$0")/echo.txt" >&2
                exit 2
                """);
        Files.writeString(tools.resolve("echo.txt"), "echoing " + PASSWORD + "\n");

        Throwable thrown = catchThrowable(() -> MySqlSource.builder().jdbcUrl(urlWithoutUser(database)).user(user)
                .password(PASSWORD).toolDirectory(tools).build().writeTo(sink, Payloads.sourceContext(dir)));

        assertThat(thrown).isInstanceOf(ToolException.class).hasMessageContaining("exited with status 2")
                .hasMessageContaining("1045").hasMessageNotContaining("Rt#p").hasMessageNotContaining("whatever")
                .hasMessageContaining("password=****");
    }
}
