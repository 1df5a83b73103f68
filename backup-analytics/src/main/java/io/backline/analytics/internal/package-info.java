/**
 * Implementation of backup-analytics: loading the history, computing statistics, fitting forecasts, writing the
 * exports. Not an API: anything here may change without notice.
 */
package io.backline.analytics.internal;
