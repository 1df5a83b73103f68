/**
 * The service-provider interfaces of Backline: {@link io.backline.core.spi.Storage} for where artifacts live,
 * {@link io.backline.core.spi.BackupSource} for what is backed up and {@link io.backline.core.spi.RestoreTarget} for
 * where it is restored. Nothing here depends on Backline's internals.
 */
package io.backline.core.spi;
