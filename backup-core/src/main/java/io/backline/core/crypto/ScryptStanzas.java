package io.backline.core.crypto;

import io.backline.core.crypto.AgeException.Kind;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;
import org.bouncycastle.crypto.generators.SCrypt;

/** The {@code scrypt} recipient stanza (passphrase encryption). It must be the only stanza of a header. */
final class ScryptStanzas {
    static final String TYPE = "scrypt";
    static final int SALT_SIZE = 16;
    /** The highest work factor accepted when decrypting unless configured otherwise (as the age CLI). */
    static final int DEFAULT_MAX_WORK_FACTOR = 22;
    /** The highest work factor that can be configured at all (2^30 × 1 KiB of memory is already absurd). */
    static final int ABSOLUTE_MAX_WORK_FACTOR = 30;
    private static final byte[] LABEL = "age-encryption.org/v1/scrypt".getBytes(StandardCharsets.US_ASCII);
    private static final int WRAPPED_SIZE = FileKey.SIZE + Aead.TAG_SIZE;

    private ScryptStanzas() {
    }

    static Stanza wrap(byte[] fileKey, char[] passphrase, int workFactor, SecureRandom random) {
        byte[] salt = new byte[SALT_SIZE];
        random.nextBytes(salt);
        byte[] key = deriveKey(passphrase, salt, workFactor);
        try {
            byte[] body = Aead.sealZeroNonce(key, fileKey);
            return new Stanza(List.of(TYPE, AgeBase64.encodeUnpadded(salt), Integer.toString(workFactor)), body);
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }

    /** Checks an scrypt stanza's syntax and work factor; returns the work factor. */
    static int validate(Stanza stanza, int maxWorkFactor) throws AgeException {
        List<String> args = stanza.args();
        if (args.size() != 3) {
            throw new AgeException(Kind.HEADER, "an scrypt stanza needs exactly two arguments");
        }
        byte[] salt = AgeBase64.decodeCanonicalUnpadded(args.get(1));
        if (salt == null || salt.length != SALT_SIZE) {
            throw new AgeException(Kind.HEADER, "an scrypt salt needs to be 16 bytes of canonical base64");
        }
        String factor = args.get(2);
        if (!factor.matches("[1-9][0-9]?")) {
            throw new AgeException(Kind.HEADER, "an scrypt work factor needs to be a decimal number from 1 without"
                    + " leading zeros");
        }
        int workFactor = Integer.parseInt(factor);
        if (workFactor > maxWorkFactor) {
            throw new AgeException(Kind.HEADER, "the scrypt work factor " + workFactor + " is above the limit of "
                    + maxWorkFactor + " (raise it with maxScryptWorkFactor if the file is trusted)");
        }
        if (stanza.body().length != WRAPPED_SIZE) {
            throw new AgeException(Kind.HEADER, "an scrypt stanza body needs to be " + WRAPPED_SIZE + " bytes");
        }
        return workFactor;
    }

    /** The file key, or null when the passphrase does not open this (validated) stanza. */
    static byte[] unwrap(Stanza stanza, char[] passphrase) {
        byte[] salt = AgeBase64.decodeCanonicalUnpadded(stanza.args().get(1));
        int workFactor = Integer.parseInt(stanza.args().get(2));
        byte[] key = deriveKey(passphrase, salt, workFactor);
        try {
            return Aead.openZeroNonce(key, stanza.body());
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }

    private static byte[] deriveKey(char[] passphrase, byte[] salt, int workFactor) {
        byte[] fullSalt = Arrays.copyOf(LABEL, LABEL.length + salt.length);
        System.arraycopy(salt, 0, fullSalt, LABEL.length, salt.length);
        ByteBuffer encoded = StandardCharsets.UTF_8.encode(CharBuffer.wrap(passphrase));
        byte[] password = new byte[encoded.remaining()];
        encoded.get(password);
        if (encoded.hasArray()) {
            Arrays.fill(encoded.array(), (byte) 0);
        }
        try {
            return SCrypt.generate(password, fullSalt, 1 << workFactor, 8, 1, 32);
        } finally {
            Arrays.fill(password, (byte) 0);
        }
    }
}
