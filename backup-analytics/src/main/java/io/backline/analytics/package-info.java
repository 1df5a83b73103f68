/**
 * Reports, storage forecasts, metrics and alerts over a Backline repository.
 *
 * <p>Entry point: {@link io.backline.analytics.BackupAnalyticsEngine}. It reads the catalog (manifests, including
 * failed, interrupted and deleted ones) and the verification records, and computes
 * {@link io.backline.analytics.BackupReport}s and {@link io.backline.analytics.SpaceForecast}s. Reports render as
 * text, JSON, CSV or a self-contained HTML page ({@link io.backline.analytics.ReportRenderer}); the JSON names are
 * documented in {@code docs/REPORTS.md}. {@link io.backline.analytics.AlertRules} turn reports into
 * {@link io.backline.analytics.Alert}s; {@link io.backline.analytics.ReportJob} and
 * {@link io.backline.analytics.VerificationJob} are {@link java.lang.Runnable}s the host schedules. Notifiers live in
 * {@code io.backline.analytics.notify}, the Micrometer binder in {@code io.backline.analytics.metrics}. Nothing here
 * starts a thread or a timer.
 */
package io.backline.analytics;
