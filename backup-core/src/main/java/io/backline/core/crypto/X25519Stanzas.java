package io.backline.core.crypto;

import io.backline.core.crypto.AgeException.Kind;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;
import org.bouncycastle.math.ec.rfc7748.X25519;

/** The {@code X25519} recipient stanza: wrap a file key to a recipient, unwrap it with an identity. */
final class X25519Stanzas {
    static final String TYPE = "X25519";
    private static final String INFO = "age-encryption.org/v1/X25519";
    private static final int WRAPPED_SIZE = FileKey.SIZE + Aead.TAG_SIZE;

    private X25519Stanzas() {
    }

    static Stanza wrap(byte[] fileKey, AgeRecipient recipient, SecureRandom random) {
        byte[] ephemeral = new byte[X25519.SCALAR_SIZE];
        byte[] share = new byte[X25519.POINT_SIZE];
        byte[] shared = new byte[X25519.POINT_SIZE];
        byte[] wrapKey = null;
        try {
            random.nextBytes(ephemeral);
            X25519.scalarMultBase(ephemeral, 0, share, 0);
            byte[] recipientKey = recipient.publicKey();
            X25519.scalarMult(ephemeral, 0, recipientKey, 0, shared, 0);
            if (isAllZero(shared)) {
                throw new IllegalArgumentException("the recipient " + recipient + " is a low-order point");
            }
            wrapKey = Hkdf.derive(shared, concat(share, recipientKey), INFO);
            byte[] body = Aead.sealZeroNonce(wrapKey, fileKey);
            return new Stanza(List.of(TYPE, AgeBase64.encodeUnpadded(share)), body);
        } finally {
            Arrays.fill(ephemeral, (byte) 0);
            Arrays.fill(shared, (byte) 0);
            if (wrapKey != null) {
                Arrays.fill(wrapKey, (byte) 0);
            }
        }
    }

    /** Checks what the specification requires of an X25519 stanza, before any key is tried. */
    static void validate(Stanza stanza) throws AgeException {
        if (stanza.args().size() != 2) {
            throw new AgeException(Kind.HEADER, "an X25519 stanza needs exactly one argument");
        }
        byte[] share = AgeBase64.decodeCanonicalUnpadded(stanza.args().get(1));
        if (share == null || share.length != X25519.POINT_SIZE) {
            throw new AgeException(Kind.HEADER, "an X25519 share needs to be 32 bytes of canonical base64");
        }
        if (stanza.body().length != WRAPPED_SIZE) {
            throw new AgeException(Kind.HEADER, "an X25519 stanza body needs to be " + WRAPPED_SIZE + " bytes");
        }
    }

    /** The file key, or null when {@code identity} does not match this (validated) stanza. */
    static byte[] unwrap(Stanza stanza, AgeIdentity identity) throws AgeException {
        byte[] share = AgeBase64.decodeCanonicalUnpadded(stanza.args().get(1));
        byte[] shared = new byte[X25519.POINT_SIZE];
        byte[] wrapKey = null;
        try {
            X25519.scalarMult(identity.secretKeyBytes(), 0, share, 0, shared, 0);
            if (isAllZero(shared)) {
                throw new AgeException(Kind.HEADER, "an X25519 share is a low-order point (all-zero shared secret)");
            }
            wrapKey = Hkdf.derive(shared, concat(share, identity.recipient().publicKey()), INFO);
            return Aead.openZeroNonce(wrapKey, stanza.body());
        } finally {
            Arrays.fill(shared, (byte) 0);
            if (wrapKey != null) {
                Arrays.fill(wrapKey, (byte) 0);
            }
        }
    }

    private static boolean isAllZero(byte[] bytes) {
        int acc = 0;
        for (byte b : bytes) {
            acc |= b;
        }
        return acc == 0;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
