/**
 * Micrometer metrics for a Backline repository: {@link io.backline.analytics.metrics.BacklineMetrics}. Micrometer is
 * an optional dependency of backup-analytics; only hosts that use this package need {@code micrometer-core}.
 */
package io.backline.analytics.metrics;
