package io.backline.core.crypto;

import java.util.Arrays;
import java.util.Objects;

/**
 * An age X25519 recipient: a public key, written {@code age1…}. Files encrypted to it can be decrypted only by the
 * matching {@link AgeIdentity}. Public keys are not secret: {@link #toString()} is the {@code age1…} string, and it
 * may be logged and stored in manifests.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class AgeRecipient {
    static final String HRP = "age";
    static final int KEY_SIZE = 32;

    private final byte[] publicKey;
    private final String encoded;

    private AgeRecipient(byte[] publicKey) {
        this.publicKey = publicKey.clone();
        this.encoded = Bech32.encode(HRP, publicKey, false);
    }

    static AgeRecipient ofPublicKey(byte[] publicKey) {
        if (publicKey.length != KEY_SIZE) {
            throw new IllegalArgumentException("an X25519 public key needs to be 32 bytes, not " + publicKey.length);
        }
        return new AgeRecipient(publicKey);
    }

    /**
     * Parses an {@code age1…} recipient (Bech32, all lower or all upper case).
     *
     * @throws IllegalArgumentException when the string is not a valid age X25519 recipient
     */
    public static AgeRecipient parse(String recipient) {
        Objects.requireNonNull(recipient, "recipient");
        String trimmed = recipient.strip();
        Bech32.Decoded decoded;
        try {
            decoded = Bech32.decode(trimmed);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not a valid age recipient '" + trimmed + "': " + e.getMessage());
        }
        if (!HRP.equals(decoded.hrp())) {
            throw new IllegalArgumentException("not an age X25519 recipient '" + trimmed
                    + "': it needs to start with age1");
        }
        if (decoded.data().length != KEY_SIZE) {
            throw new IllegalArgumentException("not a valid age recipient '" + trimmed + "': the key needs to be "
                    + KEY_SIZE + " bytes, not " + decoded.data().length);
        }
        if (isLowOrder(decoded.data())) {
            throw new IllegalArgumentException("not a valid age recipient '" + trimmed + "': it is a low-order point,"
                    + " which would give an all-zero shared secret");
        }
        return new AgeRecipient(decoded.data());
    }

    /** Whether every X25519 agreement with {@code point} is all-zero (clamped scalars clear the small subgroup). */
    private static boolean isLowOrder(byte[] point) {
        byte[] scalar = new byte[32];
        scalar[0] = 8;
        scalar[31] = 0x40;
        byte[] result = new byte[32];
        org.bouncycastle.math.ec.rfc7748.X25519.scalarMult(scalar, 0, point, 0, result, 0);
        int acc = 0;
        for (byte b : result) {
            acc |= b;
        }
        return acc == 0;
    }

    /** The raw 32-byte X25519 public key (a copy). */
    byte[] publicKey() {
        return publicKey.clone();
    }

    /** The {@code age1…} string. */
    public String encoded() {
        return encoded;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AgeRecipient other && Arrays.equals(publicKey, other.publicKey);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(publicKey);
    }

    /** The {@code age1…} string. */
    @Override
    public String toString() {
        return encoded;
    }
}
