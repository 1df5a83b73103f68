package io.backline.analytics.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.backline.analytics.Alert;
import io.backline.analytics.Notification;
import io.backline.analytics.Severity;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The e-mail notifier against a tiny SMTP sink on a loopback port. */
class NotifierEmailTest {
    private static final Instant AT = Instant.parse("2026-11-29T08:00:00Z");
    private static final String PASSWORD = "s3cret-pa55word";

    private SmtpSink sink;

    @BeforeEach
    void start() throws IOException {
        sink = new SmtpSink();
    }

    @AfterEach
    void stop() throws IOException {
        sink.close();
    }

    @Test
    void anAlertIsMailedAsPlainTextWithAuthentication() throws Exception {
        EmailNotifier mail = EmailNotifier.builder("127.0.0.1").port(sink.port()).startTls(false)
                .from("backline@example.org").to("ops@example.org").to("dba@example.org")
                .credentials("backline", PASSWORD.toCharArray()).subjectPrefix("[prod] ")
                .timeout(Duration.ofSeconds(5)).build();
        mail.send(Notification.of(List.of(new Alert("rpo-exceeded", Severity.CRITICAL, "orders-db",
                "orders-db: no completed backup for 1d15h (RPO 1d02h)", AT)), AT));
        sink.awaitMessages(1);
        assertThat(sink.envelope).contains("MAIL FROM:<backline@example.org>", "RCPT TO:<ops@example.org>",
                "RCPT TO:<dba@example.org>");
        assertThat(sink.credentials).singleElement()
                .satisfies(plain -> assertThat(plain).endsWith("\0backline\0" + PASSWORD));
        String message = sink.messages.get(0);
        assertThat(message).contains("Subject: [prod] Backline: 1 alert (critical)", "X-Backline-Severity: CRITICAL",
                "CRITICAL: orders-db: no completed backup for 1d15h (RPO 1d02h)", "From: backline@example.org");
        assertThat(mail.toString()).contains("password=***", "smtp://127.0.0.1:" + sink.port())
                .doesNotContain(PASSWORD);
    }

    @Test
    void anUnreachableHostFailsWithAMessageThatNamesItButNotThePassword() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        EmailNotifier mail = EmailNotifier.builder("127.0.0.1").port(closedPort).startTls(false)
                .from("backline@example.org").to("ops@example.org").credentials("backline", PASSWORD.toCharArray())
                .timeout(Duration.ofSeconds(2)).build();
        assertThatThrownBy(() -> mail.send(new Notification("t", Severity.INFO, "x", List.of(), AT)))
                .isInstanceOf(IOException.class).hasMessageStartingWith("mail through 127.0.0.1:" + closedPort)
                .message().doesNotContain(PASSWORD);
    }

    @Test
    void theBuilderNeedsASenderAndARecipient() {
        assertThatThrownBy(() -> EmailNotifier.builder("smtp.example.org").to("a@example.org").build())
                .hasMessage("set the sender address (from)");
        assertThatThrownBy(() -> EmailNotifier.builder("smtp.example.org").from("a@example.org").build())
                .hasMessage("add at least one recipient (to)");
        assertThatThrownBy(() -> EmailNotifier.builder("smtp.example.org").from("not an address"))
                .hasMessage("from needs to be an e-mail address, not 'not an address'");
    }

    /** Just enough SMTP (RFC 5321) to accept mail: EHLO, AUTH PLAIN, MAIL, RCPT, DATA, RSET, NOOP, QUIT. */
    private static final class SmtpSink implements AutoCloseable {
        final List<String> envelope = new CopyOnWriteArrayList<>();
        final List<String> credentials = new CopyOnWriteArrayList<>();
        final List<String> messages = new CopyOnWriteArrayList<>();
        private final ServerSocket server;
        private final Thread thread;

        SmtpSink() throws IOException {
            server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
            thread = new Thread(this::serve, "smtp-sink");
            thread.setDaemon(true);
            thread.start();
        }

        int port() {
            return server.getLocalPort();
        }

        void awaitMessages(int count) throws InterruptedException {
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (messages.size() < count && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertThat(messages).hasSizeGreaterThanOrEqualTo(count);
        }

        private void serve() {
            while (!server.isClosed()) {
                try (Socket socket = server.accept()) {
                    converse(socket);
                } catch (IOException e) {
                    return;
                }
            }
        }

        private void converse(Socket socket) throws IOException {
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                    StandardCharsets.UTF_8));
            OutputStream out = socket.getOutputStream();
            reply(out, "220 localhost ESMTP sink");
            String line;
            while ((line = in.readLine()) != null) {
                String upper = line.toUpperCase(java.util.Locale.ROOT);
                if (upper.startsWith("EHLO") || upper.startsWith("HELO")) {
                    reply(out, "250-localhost\r\n250-AUTH PLAIN\r\n250 8BITMIME");
                } else if (upper.startsWith("AUTH PLAIN")) {
                    String initial = line.length() > "AUTH PLAIN ".length() ? line.substring(11).trim() : "";
                    if (initial.isEmpty()) {
                        reply(out, "334 ");
                        initial = in.readLine().trim();
                    }
                    credentials.add(new String(Base64.getDecoder().decode(initial), StandardCharsets.UTF_8));
                    reply(out, "235 2.7.0 accepted");
                } else if (upper.startsWith("MAIL") || upper.startsWith("RCPT")) {
                    envelope.add(line);
                    reply(out, "250 OK");
                } else if (upper.startsWith("DATA")) {
                    reply(out, "354 go ahead");
                    StringBuilder data = new StringBuilder();
                    while ((line = in.readLine()) != null && !line.equals(".")) {
                        data.append(line.startsWith("..") ? line.substring(1) : line).append('\n');
                    }
                    messages.add(data.toString());
                    reply(out, "250 OK queued");
                } else if (upper.startsWith("QUIT")) {
                    reply(out, "221 bye");
                    return;
                } else {
                    reply(out, "250 OK");
                }
            }
        }

        private static void reply(OutputStream out, String text) throws IOException {
            out.write((text + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
        }

        @Override
        public void close() throws IOException {
            server.close();
        }
    }
}
