package io.backline.core.crypto;

import io.backline.core.crypto.AgeException.Kind;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.List;

/**
 * Opens an age v1 file, binary or armored (detected): parses the header, unwraps the file key with the given
 * identities or passphrase, checks the header MAC, reads the nonce and returns the payload decryptor.
 */
final class AgeDecoder {
    private static final int BUFFER = ChunkCipher.ENCRYPTED_CHUNK_SIZE + 1;
    private static final int PEEK = 1024;
    private static final byte[] BINARY_MAGIC = "age-encryption.org/".getBytes(StandardCharsets.US_ASCII);

    private final List<AgeIdentity> identities;
    private final char[] passphrase;
    private final int maxWorkFactor;

    AgeDecoder(List<AgeIdentity> identities, char[] passphrase, int maxWorkFactor) {
        this.identities = List.copyOf(identities);
        this.passphrase = passphrase;
        this.maxWorkFactor = maxWorkFactor;
    }

    InputStream decrypt(InputStream source) throws IOException {
        InputStream in = detectArmor(new BufferedInputStream(source, BUFFER));
        Header header = HeaderParser.parse(in);
        byte[] fileKey = unwrap(header);
        try {
            byte[] macKey = Hkdf.derive(fileKey, null, "header");
            byte[] expected = Hkdf.hmac(macKey, header.macInput());
            Arrays.fill(macKey, (byte) 0);
            if (!MessageDigest.isEqual(expected, header.mac())) {
                throw new AgeException(Kind.HMAC, "the header MAC does not verify: the header was modified");
            }
            byte[] nonce = in.readNBytes(ChunkCipher.NONCE_SIZE);
            if (nonce.length != ChunkCipher.NONCE_SIZE) {
                throw new AgeException(Kind.HEADER, "the file ends before the payload nonce: it is truncated");
            }
            byte[] payloadKey = Hkdf.derive(fileKey, nonce, "payload");
            return new DecryptingInputStream(in, payloadKey);
        } finally {
            Arrays.fill(fileKey, (byte) 0);
        }
    }

    private static InputStream detectArmor(BufferedInputStream in) throws IOException {
        in.mark(PEEK + Armor.BEGIN.length());
        byte[] start = in.readNBytes(PEEK + Armor.BEGIN.length());
        in.reset();
        int i = 0;
        while (i < start.length && Armor.isWhitespace(start[i])) {
            i++;
        }
        if (startsWith(start, i, "-----".getBytes(StandardCharsets.US_ASCII))) {
            return new ArmorInputStream(in);
        }
        if (!startsWith(start, 0, BINARY_MAGIC)
                && new String(start, StandardCharsets.ISO_8859_1).contains(Armor.BEGIN)) {
            throw new AgeException(Kind.ARMOR, "there is data before the armor's BEGIN line");
        }
        return in;
    }

    private static boolean startsWith(byte[] data, int offset, byte[] prefix) {
        if (data.length - offset < prefix.length) {
            return false;
        }
        for (int j = 0; j < prefix.length; j++) {
            if (data[offset + j] != prefix[j]) {
                return false;
            }
        }
        return true;
    }

    private byte[] unwrap(Header header) throws AgeException {
        List<Stanza> stanzas = header.stanzas();
        boolean scrypt = false;
        for (Stanza stanza : stanzas) {
            switch (stanza.type()) {
                case X25519Stanzas.TYPE -> X25519Stanzas.validate(stanza);
                case ScryptStanzas.TYPE -> {
                    ScryptStanzas.validate(stanza, maxWorkFactor);
                    scrypt = true;
                }
                default -> {
                    // Unknown stanza types are ignored, as the specification requires.
                }
            }
        }
        if (scrypt && stanzas.size() != 1) {
            throw new AgeException(Kind.HEADER, "an scrypt stanza must be the only stanza in the header");
        }
        for (Stanza stanza : stanzas) {
            if (stanza.type().equals(X25519Stanzas.TYPE)) {
                for (AgeIdentity identity : identities) {
                    byte[] fileKey = X25519Stanzas.unwrap(stanza, identity);
                    if (fileKey != null) {
                        return fileKey;
                    }
                }
            } else if (stanza.type().equals(ScryptStanzas.TYPE) && passphrase != null) {
                byte[] fileKey = ScryptStanzas.unwrap(stanza, passphrase);
                if (fileKey != null) {
                    return fileKey;
                }
                throw new AgeException(Kind.NO_MATCH, "the passphrase is wrong");
            }
        }
        throw new AgeException(Kind.NO_MATCH, noMatchMessage(stanzas));
    }

    private String noMatchMessage(List<Stanza> stanzas) {
        boolean passphraseFile = stanzas.size() == 1 && stanzas.get(0).type().equals(ScryptStanzas.TYPE);
        if (passphraseFile) {
            return "the file is passphrase-encrypted but no passphrase was given";
        }
        if (identities.isEmpty()) {
            return "the file is encrypted to recipients but no identity was given"
                    + (passphrase != null ? " (only a passphrase)" : "");
        }
        return "none of the " + identities.size() + " identities matches any of the file's " + stanzas.size()
                + " recipient stanzas: the wrong key";
    }
}
