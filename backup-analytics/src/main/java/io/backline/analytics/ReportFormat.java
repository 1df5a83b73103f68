package io.backline.analytics;

import java.util.Locale;

/** The formats {@link ReportRenderer} writes. */
public enum ReportFormat {
    /** Plain text for terminals and e-mail bodies. */
    TEXT,
    /** JSON with the names documented in docs/REPORTS.md. */
    JSON,
    /** One RFC 4180 row per backup attempt. */
    CSV,
    /** A self-contained HTML page with inline SVG charts; loads nothing from the network. */
    HTML;

    /** Parses {@code text}, {@code json}, {@code csv} or {@code html}, case-insensitively. */
    public static ReportFormat parse(String name) {
        for (ReportFormat format : values()) {
            if (format.name().equalsIgnoreCase(name)) {
                return format;
            }
        }
        throw new IllegalArgumentException("format needs to be text, json, csv or html, not '" + name + "'");
    }

    /** The usual file extension, without the dot. */
    public String extension() {
        return this == TEXT ? "txt" : name().toLowerCase(Locale.ROOT);
    }
}
