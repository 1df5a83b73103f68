/**
 * Encryption of artifacts in the age v1 format (c2sp.org/age), so that the stock {@code age} CLI can decrypt every
 * artifact Backline writes.
 *
 * <p>Public API: {@link io.backline.core.crypto.BackupEncryption} (factories: {@code none()}, {@code toRecipients},
 * {@code withIdentities}, {@code withPassphrase}, {@code fromEnv}), {@link io.backline.core.crypto.AgeEncryption}
 * (options: armor, scrypt work-factor limit), {@link io.backline.core.crypto.AgeKeys},
 * {@link io.backline.core.crypto.AgeIdentity}, {@link io.backline.core.crypto.AgeRecipient} and
 * {@link io.backline.core.crypto.AgeException}. Everything else in this package is package-private: the header
 * parser and writer, the X25519 and scrypt stanzas, the STREAM payload cipher, the ASCII armor, Bech32 and base64.
 *
 * <p>Primitives: ChaCha20-Poly1305 from the JDK ({@code Cipher}), HKDF-SHA-256 and HMAC-SHA-256 from the JDK
 * ({@code Mac}), X25519 and scrypt from BouncyCastle. Not supported: plugin recipients, SSH recipients and the
 * post-quantum {@code mlkem768x25519} hybrid recipients (their stanzas are ignored as unknown).
 */
package io.backline.core.crypto;
