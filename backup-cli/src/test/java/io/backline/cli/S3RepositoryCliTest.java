package io.backline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.backline.s3.S3TestServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code --repo s3://bucket/prefix} works wherever {@code --repo DIR} does, against an in-process S3 server. */
class S3RepositoryCliTest {
    private static S3TestServer server;

    @TempDir
    Path temp;

    @BeforeAll
    static void startServer() throws Exception {
        server = S3TestServer.inMemory();
        server.createBucket("backups");
        // the SDK's default credential chain reads these, as it reads AWS_ACCESS_KEY_ID in a real shell
        System.setProperty("aws.accessKeyId", S3TestServer.ACCESS_KEY);
        System.setProperty("aws.secretAccessKey", S3TestServer.SECRET_KEY);
    }

    @AfterAll
    static void stopServer() throws Exception {
        System.clearProperty("aws.accessKeyId");
        System.clearProperty("aws.secretAccessKey");
        server.close();
    }

    private String[] s3(String... args) {
        String[] all = new String[args.length + 7];
        System.arraycopy(args, 0, all, 0, args.length);
        System.arraycopy(new String[] {"--repo", "s3://backups/team-a/prod", "--s3-endpoint",
                server.endpoint().toString(), "--s3-region", "us-east-1", "--s3-path-style"}, 0, all, args.length, 7);
        return all;
    }

    private String[] run(String... args) {
        CommandLine line = Main.newCommandLine(args);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        line.setOut(new PrintWriter(out, true));
        line.setErr(new PrintWriter(err, true));
        int exit = line.execute(args);
        return new String[] {String.valueOf(exit), out.toString(), err.toString()};
    }

    @Test
    void backupListRestoreAndForget_againstAnS3Bucket() throws Exception {
        Path data = Files.createDirectories(temp.resolve("data"));
        Files.writeString(data.resolve("hello.txt"), "stored off the machine\n");

        String[] first = run(s3("backup", "files", "site", data.toString()));
        assertThat(first[0]).as(first[2]).isEqualTo("0");
        String id = first[1].strip();
        assertThat(run(s3("backup", "files", "site", data.toString()))[0]).isEqualTo("0");

        String[] list = run(s3("list", "--source", "site"));
        assertThat(list[1]).contains(id).contains("COMPLETED");

        String[] restore = run(s3("restore", id, "--to", temp.resolve("out").toString()));
        assertThat(restore[0]).as(restore[2]).isEqualTo("0");
        assertThat(temp.resolve("out/hello.txt")).hasContent("stored off the machine");

        String[] forget = run(s3("forget", "--source", "site", "--keep-last", "1"));
        assertThat(forget[0]).as(forget[2]).isEqualTo("0");
        assertThat(forget[1]).contains("1 backups deleted");
    }

    @Test
    void s3OptionsWithALocalRepository_areAUsageError() {
        String[] run = run("list", "--repo", temp.toString(), "--s3-path-style");
        assertThat(run[0]).isEqualTo("2");
        assertThat(run[2]).contains("need an s3:// --repo");
    }
}
