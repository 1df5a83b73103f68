/**
 * Storage implementations: {@link io.backline.core.storage.LocalStorage} for a local or mounted filesystem,
 * {@link io.backline.core.storage.InMemoryStorage} as a fake for tests and
 * {@link io.backline.core.storage.ForwardingStorage} as the base of decorators. All follow the key rules of
 * {@link io.backline.core.storage.StorageKeys}.
 *
 * <p>How {@code LocalStorage} lays out a repository (the keys are DESIGN §4's):
 * <pre>
 * root/
 *   backline-repository.json
 *   orders-db/
 *     20261129T060000Z-k3v9q2xa.manifest.json
 *     20261129T060000Z-k3v9q2xa.pgdump.zst.age
 *     20261129T060000Z-k3v9q2xa.sha256
 *     pending-q4k2m7x1ab-20261130T060000Z-p2r8w5te.pgdump.zst.age   a writer at work (or a crash's leftover)
 * </pre>
 * A blob is written to {@code pending-<random>-<name>} beside its target, forced to disk, moved over the target in
 * one atomic rename, and the directory is forced; {@code putIfAbsent} publishes with a hard link instead, which fails
 * when the target exists. Pending files are never listed and are removed by
 * {@link io.backline.core.storage.LocalStorage#cleanupPending(java.time.Duration)}.
 */
package io.backline.core.storage;
