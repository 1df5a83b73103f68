package io.backline.core.crypto;

import java.io.IOException;
import java.io.OutputStream;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Writes an age v1 file: header (X25519 stanzas or one scrypt stanza), MAC, nonce, then the STREAM payload. */
final class AgeEncoder {
    private static final SecureRandom RANDOM = new SecureRandom();

    private AgeEncoder() {
    }

    static OutputStream toRecipients(OutputStream sink, List<AgeRecipient> recipients, boolean armor)
            throws IOException {
        if (recipients.isEmpty()) {
            throw new IllegalArgumentException("at least one recipient is needed");
        }
        byte[] fileKey = newFileKey();
        List<Stanza> stanzas = new ArrayList<>(recipients.size());
        for (AgeRecipient recipient : recipients) {
            stanzas.add(X25519Stanzas.wrap(fileKey, recipient, RANDOM));
        }
        return open(sink, fileKey, stanzas, armor);
    }

    static OutputStream withPassphrase(OutputStream sink, char[] passphrase, int workFactor, boolean armor)
            throws IOException {
        byte[] fileKey = newFileKey();
        Stanza stanza = ScryptStanzas.wrap(fileKey, passphrase, workFactor, RANDOM);
        return open(sink, fileKey, List.of(stanza), armor);
    }

    private static byte[] newFileKey() {
        byte[] fileKey = new byte[FileKey.SIZE];
        RANDOM.nextBytes(fileKey);
        return fileKey;
    }

    private static OutputStream open(OutputStream sink, byte[] fileKey, List<Stanza> stanzas, boolean armor)
            throws IOException {
        try {
            byte[] macInput = Header.encodeWithoutMac(stanzas);
            byte[] macKey = Hkdf.derive(fileKey, null, "header");
            byte[] mac = Hkdf.hmac(macKey, macInput);
            Arrays.fill(macKey, (byte) 0);
            byte[] nonce = new byte[ChunkCipher.NONCE_SIZE];
            RANDOM.nextBytes(nonce);
            OutputStream out = armor ? new ArmorOutputStream(sink) : sink;
            out.write(Header.encode(macInput, mac));
            out.write(nonce);
            byte[] payloadKey = Hkdf.derive(fileKey, nonce, "payload");
            return new EncryptingOutputStream(out, payloadKey);
        } finally {
            Arrays.fill(fileKey, (byte) 0);
        }
    }
}
