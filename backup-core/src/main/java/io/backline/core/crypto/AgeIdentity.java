package io.backline.core.crypto;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.bouncycastle.math.ec.rfc7748.X25519;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An age X25519 identity: the secret key, written {@code AGE-SECRET-KEY-1…}, that decrypts files encrypted to its
 * {@link #recipient()}.
 *
 * <p>{@link #toString()} never shows the key. {@link #close()} overwrites the key bytes in memory; the identity
 * cannot be used afterwards. The JVM may still hold copies it made (strings you parsed the key from, for example),
 * so wiping is best effort. Instances are thread-safe until closed.
 */
public final class AgeIdentity implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AgeIdentity.class);
    static final String HRP = "age-secret-key-";

    private final byte[] secretKey;
    private final AgeRecipient recipient;
    private volatile boolean closed;

    private AgeIdentity(byte[] secretKey) {
        if (secretKey.length != X25519.SCALAR_SIZE) {
            throw new IllegalArgumentException("an X25519 secret key needs to be 32 bytes, not " + secretKey.length);
        }
        this.secretKey = secretKey.clone();
        byte[] publicKey = new byte[X25519.POINT_SIZE];
        X25519.scalarMultBase(this.secretKey, 0, publicKey, 0);
        this.recipient = AgeRecipient.ofPublicKey(publicKey);
    }

    /** Wraps raw key bytes (copied; the caller may wipe its array). */
    static AgeIdentity ofSecretKey(byte[] secretKey) {
        return new AgeIdentity(secretKey);
    }

    /**
     * Parses one {@code AGE-SECRET-KEY-1…} string (Bech32, all upper or all lower case).
     *
     * @throws IllegalArgumentException when it is not a valid age X25519 identity (the message never repeats it)
     */
    public static AgeIdentity parse(String identity) {
        Objects.requireNonNull(identity, "identity");
        Bech32.Decoded decoded;
        try {
            decoded = Bech32.decode(identity.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not a valid age identity: " + e.getMessage());
        }
        try {
            if (!HRP.equals(decoded.hrp())) {
                throw new IllegalArgumentException("not an age X25519 identity: it needs to start with AGE-SECRET-KEY-1");
            }
            if (decoded.data().length != X25519.SCALAR_SIZE) {
                throw new IllegalArgumentException("not a valid age identity: the key needs to be 32 bytes, not "
                        + decoded.data().length);
            }
            return new AgeIdentity(decoded.data());
        } finally {
            Arrays.fill(decoded.data(), (byte) 0);
        }
    }

    /**
     * Parses identity-file text in the {@code age-keygen} format: one {@code AGE-SECRET-KEY-1…} per line, blank lines
     * and {@code #} comments ignored.
     *
     * @throws IllegalArgumentException when a line is not an identity (named by number only) or none is found
     */
    public static List<AgeIdentity> parseAll(String identityFileText) {
        Objects.requireNonNull(identityFileText, "identityFileText");
        List<AgeIdentity> identities = new ArrayList<>();
        String[] lines = identityFileText.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            try {
                identities.add(parse(line));
            } catch (IllegalArgumentException e) {
                identities.forEach(AgeIdentity::close);
                throw new IllegalArgumentException("identity line " + (i + 1) + ": " + e.getMessage());
            }
        }
        if (identities.isEmpty()) {
            throw new IllegalArgumentException("no AGE-SECRET-KEY-1 identity found");
        }
        return List.copyOf(identities);
    }

    /**
     * Reads an identity file in the {@code age-keygen} format. Logs a warning when the file can be read by its group
     * or by others.
     *
     * @throws IOException when the file cannot be read
     * @throws IllegalArgumentException when it holds no valid identity
     */
    public static List<AgeIdentity> readFile(Path identityFile) throws IOException {
        Objects.requireNonNull(identityFile, "identityFile");
        warnIfReadableByOthers(identityFile);
        byte[] bytes = Files.readAllBytes(identityFile);
        try {
            return parseAll(new String(bytes, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(identityFile + ": " + e.getMessage(), e);
        } finally {
            Arrays.fill(bytes, (byte) 0);
        }
    }

    static void warnIfReadableByOthers(Path file) {
        try {
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
            if (permissions.contains(PosixFilePermission.GROUP_READ)
                    || permissions.contains(PosixFilePermission.OTHERS_READ)) {
                LOG.warn("age identity file {} is readable by its group or by others; restrict it (chmod 600)", file);
            }
        } catch (UnsupportedOperationException | IOException e) {
            LOG.debug("cannot check the permissions of {}: {}", file, e.toString());
        }
    }

    /** The public recipient files are encrypted to for this identity. */
    public AgeRecipient recipient() {
        return recipient;
    }

    /** The {@code AGE-SECRET-KEY-1…} string (upper-case Bech32), for writing a key file. Handle it as a secret. */
    public String encoded() {
        return Bech32.encode(HRP, secretKeyBytes(), true);
    }

    /**
     * The identity as an {@code age-keygen} key file: {@code # created:} and {@code # public key:} comments, then the
     * key line. Write it with mode 0600.
     */
    public String toKeyFile(Instant created) {
        Objects.requireNonNull(created, "created");
        return "# created: " + created.truncatedTo(ChronoUnit.SECONDS) + "\n"
                + "# public key: " + recipient + "\n"
                + encoded() + "\n";
    }

    /** The raw secret key, shared, not copied: callers must not modify it. */
    byte[] secretKeyBytes() {
        if (closed) {
            throw new IllegalStateException("this age identity was closed and its key wiped");
        }
        return secretKey;
    }

    /** For tests: the key array itself, to check that {@link #close()} wiped it. */
    byte[] secretKey() {
        return secretKey;
    }

    /** Whether {@link #close()} has wiped the key. */
    public boolean isClosed() {
        return closed;
    }

    /** Overwrites the secret key in memory. Idempotent. */
    @Override
    public void close() {
        closed = true;
        Arrays.fill(secretKey, (byte) 0);
    }

    /** Masked: {@code AgeIdentity[AGE-SECRET-KEY-1…redacted, recipient=age1…]}. */
    @Override
    public String toString() {
        return "AgeIdentity[AGE-SECRET-KEY-1…redacted, recipient=" + recipient + (closed ? ", closed" : "") + "]";
    }
}
