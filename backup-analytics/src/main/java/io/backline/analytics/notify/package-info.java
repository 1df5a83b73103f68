/**
 * {@link io.backline.analytics.Notifier}s: {@link io.backline.analytics.notify.LogNotifier} (SLF4J),
 * {@link io.backline.analytics.notify.WebhookNotifier} (JSON POST), {@link io.backline.analytics.notify.SlackNotifier}
 * (incoming webhooks) and {@link io.backline.analytics.notify.EmailNotifier} (SMTP through Angus Mail, an optional
 * dependency the host adds). Every notifier keeps its secrets — tokens in URLs and headers, passwords — out of
 * logs, exception messages and {@code toString()}.
 */
package io.backline.analytics.notify;
