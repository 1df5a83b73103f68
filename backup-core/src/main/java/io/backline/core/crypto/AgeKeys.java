package io.backline.core.crypto;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Objects;
import org.bouncycastle.math.ec.rfc7748.X25519;

/** Generates age X25519 key pairs, as {@code age-keygen} does. */
public final class AgeKeys {
    private static final SecureRandom RANDOM = new SecureRandom();

    private AgeKeys() {
    }

    /** A fresh identity from the platform's strong random source; its {@link AgeIdentity#recipient()} is public. */
    public static AgeIdentity generate() {
        return generate(RANDOM);
    }

    /** A fresh identity from {@code random} (use a {@link SecureRandom}; tests may seed one). */
    public static AgeIdentity generate(SecureRandom random) {
        Objects.requireNonNull(random, "random");
        byte[] secret = new byte[X25519.SCALAR_SIZE];
        random.nextBytes(secret);
        try {
            return AgeIdentity.ofSecretKey(secret);
        } finally {
            Arrays.fill(secret, (byte) 0);
        }
    }
}
