/**
 * Verification, restore drills and health for Backline repositories (DESIGN §2).
 *
 * <ul>
 *   <li>{@link io.backline.verify.BackupVerifier} verifies backups at a {@link io.backline.verify.VerificationLevel}
 *       — CHECKSUM (no key needed), INTEGRITY, CONTENT, TEST_RESTORE, each implying the ones before — one at a time
 *       ({@code verify}, {@code verifyOrThrow}) or many ({@code verifyRecent} with an optional byte budget that
 *       rotates through the repository, {@code verifyCritical} for the newest backup of each source), writing a
 *       {@link io.backline.core.manifest.VerificationRecord} beside each backup and returning
 *       {@link io.backline.verify.VerificationResult}s and {@link io.backline.verify.VerificationReport}s.</li>
 *   <li>Test restores go into scratch places supplied by the host through {@link io.backline.verify.spi}:
 *       {@link io.backline.verify.DirectoryScratchTargets} for file trees; database servers come from backup-jdbc.</li>
 *   <li>{@link io.backline.verify.BackupHealth} turns catalog and records into a
 *       {@link io.backline.verify.HealthReport} (UP, DEGRADED, DOWN) under per-source
 *       {@link io.backline.verify.HealthPolicy}s.</li>
 * </ul>
 *
 * <p>This module reads repositories only through backup-core's public API ({@code BackupCatalog},
 * {@code BackupReader}, the storage SPI); it never reaches into core's internals and depends on no database module.
 */
package io.backline.verify;
