package io.backline.core;

import io.backline.core.manifest.BackupStatus;
import io.backline.core.manifest.SourceKind;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Which backups a {@link BackupCatalog} lists: by source, kind, status and start-time window. Immutable; each
 * method returns a narrowed copy. Deleted backups (kept by retention as history) are left out unless asked for.
 *
 * <pre>{@code
 * BackupQuery.source("orders-db").within(Duration.ofDays(30))
 * BackupQuery.all().kind(SourceKind.FILES).status(BackupStatus.COMPLETED)
 * }</pre>
 */
public final class BackupQuery {
    private final String source;
    private final SourceKind kind;
    private final Set<BackupStatus> statuses;
    private final Duration within;
    private final Instant from;
    private final Instant to;
    private final boolean includeDeleted;
    private final int limit;

    private BackupQuery(String source, SourceKind kind, Set<BackupStatus> statuses, Duration within, Instant from,
                        Instant to, boolean includeDeleted, int limit) {
        this.source = source;
        this.kind = kind;
        this.statuses = statuses;
        this.within = within;
        this.from = from;
        this.to = to;
        this.includeDeleted = includeDeleted;
        this.limit = limit;
    }

    /** Every backup of every source. */
    public static BackupQuery all() {
        return new BackupQuery(null, null, EnumSet.allOf(BackupStatus.class), null, null, null, false,
                Integer.MAX_VALUE);
    }

    /** Every backup of one source. */
    public static BackupQuery source(String name) {
        return all().forSource(name);
    }

    public BackupQuery forSource(String name) {
        return new BackupQuery(Objects.requireNonNull(name, "source"), kind, statuses, within, from, to,
                includeDeleted, limit);
    }

    public BackupQuery kind(SourceKind newKind) {
        return new BackupQuery(source, Objects.requireNonNull(newKind, "kind"), statuses, within, from, to,
                includeDeleted, limit);
    }

    /** Only backups whose (derived) status is one of these. */
    public BackupQuery status(BackupStatus first, BackupStatus... more) {
        return new BackupQuery(source, kind, EnumSet.of(first, more), within, from, to, includeDeleted, limit);
    }

    /** Only backups started within {@code age} before the catalog's clock. */
    public BackupQuery within(Duration age) {
        if (age.isNegative()) {
            throw new IllegalArgumentException("within needs to be a positive duration, not " + age);
        }
        return new BackupQuery(source, kind, statuses, age, from, to, includeDeleted, limit);
    }

    /** Only backups started in {@code [start, end)}. */
    public BackupQuery between(Instant start, Instant end) {
        if (!start.isBefore(end)) {
            throw new IllegalArgumentException("between needs start before end, not " + start + " .. " + end);
        }
        return new BackupQuery(source, kind, statuses, within, start, end, includeDeleted, limit);
    }

    /** Also list backups whose artifacts retention has deleted. */
    public BackupQuery includeDeleted() {
        return new BackupQuery(source, kind, statuses, within, from, to, true, limit);
    }

    /** At most {@code max} backups, the newest. */
    public BackupQuery limit(int max) {
        if (max < 1) {
            throw new IllegalArgumentException("limit needs to be >= 1, not " + max);
        }
        return new BackupQuery(source, kind, statuses, within, from, to, includeDeleted, max);
    }

    public Optional<String> source() {
        return Optional.ofNullable(source);
    }

    public Optional<SourceKind> kind() {
        return Optional.ofNullable(kind);
    }

    public Set<BackupStatus> statuses() {
        return EnumSet.copyOf(statuses);
    }

    public int maxResults() {
        return limit;
    }

    public boolean deletedIncluded() {
        return includeDeleted;
    }

    /** Whether {@code summary} passes every filter, at catalog time {@code now}. */
    public boolean matches(BackupSummary summary, Instant now) {
        if (source != null && !source.equals(summary.source())) {
            return false;
        }
        if (kind != null && kind != summary.kind()) {
            return false;
        }
        if (!statuses.contains(summary.status())) {
            return false;
        }
        if (!includeDeleted && summary.deleted()) {
            return false;
        }
        Instant started = summary.startedAt();
        if (within != null && (started == null || started.isBefore(now.minus(within)))) {
            return false;
        }
        if (from != null && (started == null || started.isBefore(from) || !started.isBefore(to))) {
            return false;
        }
        return true;
    }

    @Override
    public String toString() {
        return "BackupQuery[source=" + source + ", kind=" + kind + ", statuses=" + statuses + ", within=" + within
                + ", from=" + from + ", to=" + to + ", includeDeleted=" + includeDeleted + "]";
    }
}
