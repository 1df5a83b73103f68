package io.backline.analytics.notify;

import io.backline.analytics.Notification;
import io.backline.analytics.Notifier;
import jakarta.mail.Authenticator;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.PasswordAuthentication;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import java.util.Properties;

/**
 * Sends notifications as plain-text e-mail through an SMTP host the user names, with Angus Mail. Angus Mail is an
 * optional dependency of backup-analytics: a host that uses this class adds {@code org.eclipse.angus:angus-mail}.
 *
 * <p>STARTTLS is required unless turned off (only for a relay on localhost or a trusted network); the password never
 * appears in logs, messages or {@link #toString()}. One attempt per notification, bounded by the timeout; the
 * failure is thrown as an {@link IOException} naming the host.
 */
public final class EmailNotifier implements Notifier {
    private final String host;
    private final int port;
    private final InternetAddress from;
    private final List<InternetAddress> to;
    private final String username;
    private final char[] password;
    private final boolean startTls;
    private final Duration timeout;
    private final String subjectPrefix;

    private EmailNotifier(Builder builder) {
        this.host = builder.host;
        this.port = builder.port;
        this.from = builder.from;
        this.to = List.copyOf(builder.to);
        this.username = builder.username;
        this.password = builder.password;
        this.startTls = builder.startTls;
        this.timeout = builder.timeout;
        this.subjectPrefix = builder.subjectPrefix;
    }

    /** A builder for mail through {@code host}. */
    public static Builder builder(String host) {
        return new Builder(host);
    }

    @Override
    public void send(Notification notification) throws IOException {
        Properties properties = new Properties();
        properties.put("mail.smtp.host", host);
        properties.put("mail.smtp.port", Integer.toString(port));
        properties.put("mail.smtp.connectiontimeout", Long.toString(timeout.toMillis()));
        properties.put("mail.smtp.timeout", Long.toString(timeout.toMillis()));
        properties.put("mail.smtp.writetimeout", Long.toString(timeout.toMillis()));
        properties.put("mail.smtp.starttls.enable", Boolean.toString(startTls));
        properties.put("mail.smtp.starttls.required", Boolean.toString(startTls));
        properties.put("mail.smtp.auth", Boolean.toString(username != null));
        Authenticator authenticator = username == null ? null : new Authenticator() {
            @Override
            protected PasswordAuthentication getPasswordAuthentication() {
                return new PasswordAuthentication(username, new String(password));
            }
        };
        Session session = Session.getInstance(properties, authenticator);
        try {
            MimeMessage message = new MimeMessage(session);
            message.setFrom(from);
            message.setRecipients(Message.RecipientType.TO, to.toArray(new InternetAddress[0]));
            message.setSubject(subjectPrefix + notification.title(), StandardCharsets.UTF_8.name());
            message.setSentDate(Date.from(notification.at()));
            message.setText(notification.text(), StandardCharsets.UTF_8.name());
            message.setHeader("X-Backline-Severity", notification.severity().name());
            Transport.send(message);
        } catch (MessagingException e) {
            throw new IOException("mail through " + host + ":" + port + " could not be sent: "
                    + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : " " + firstLine(e.getMessage())), e);
        }
    }

    private static String firstLine(String text) {
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline);
    }

    @Override
    public String toString() {
        return "EmailNotifier[smtp://" + host + ":" + port + ", from=" + from + ", to=" + to + ", user="
                + (username == null ? "none" : username) + ", password=" + (password == null ? "none" : "***")
                + ", startTls=" + startTls + "]";
    }

    /** Collects the mail settings; setters validate their arguments, {@link #build()} the whole. */
    public static final class Builder {
        private final String host;
        private int port = 587;
        private InternetAddress from;
        private final List<InternetAddress> to = new ArrayList<>();
        private String username;
        private char[] password;
        private boolean startTls = true;
        private Duration timeout = Duration.ofSeconds(30);
        private String subjectPrefix = "";

        private Builder(String host) {
            Objects.requireNonNull(host, "host");
            if (host.isBlank()) {
                throw new IllegalArgumentException("the SMTP host needs to be named");
            }
            this.host = host;
        }

        /** The SMTP port (default 587, submission). */
        public Builder port(int port) {
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("port needs to be within 1..65535, not " + port);
            }
            this.port = port;
            return this;
        }

        /** The sender address (required). */
        public Builder from(String address) {
            this.from = address("from", address);
            return this;
        }

        /** Adds a recipient (at least one is required). */
        public Builder to(String address) {
            to.add(address("to", address));
            return this;
        }

        /** Authenticates as {@code username}; the password is copied and never shown. */
        public Builder credentials(String username, char[] password) {
            this.username = Objects.requireNonNull(username, "username");
            this.password = Objects.requireNonNull(password, "password").clone();
            return this;
        }

        /** Whether STARTTLS is required (default true; turn off only for a local or trusted relay). */
        public Builder startTls(boolean required) {
            this.startTls = required;
            return this;
        }

        /** Connect, read and write timeout (default 30 s). */
        public Builder timeout(Duration timeout) {
            this.timeout = HttpSettings.timeout(timeout);
            return this;
        }

        /** Put before every subject, e.g. {@code "[prod] "} (default none). */
        public Builder subjectPrefix(String prefix) {
            this.subjectPrefix = Objects.requireNonNull(prefix, "subjectPrefix");
            return this;
        }

        /** @throws IllegalStateException without a sender or a recipient */
        public EmailNotifier build() {
            if (from == null) {
                throw new IllegalStateException("set the sender address (from)");
            }
            if (to.isEmpty()) {
                throw new IllegalStateException("add at least one recipient (to)");
            }
            return new EmailNotifier(this);
        }

        private static InternetAddress address(String name, String address) {
            Objects.requireNonNull(address, name);
            try {
                InternetAddress parsed = new InternetAddress(address, true);
                return parsed;
            } catch (AddressException e) {
                throw new IllegalArgumentException(name + " needs to be an e-mail address, not '" + address + "'");
            }
        }
    }
}
