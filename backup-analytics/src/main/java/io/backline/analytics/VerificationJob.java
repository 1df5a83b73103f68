package io.backline.analytics;

import io.backline.analytics.internal.NotificationDispatcher;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The daily verification job, for the host to schedule (e.g. at 06:00): a {@link Runnable} that never throws.
 *
 * <p>Runs its {@link VerificationTask}s in order (typically {@code recent}: the last day's backups, and
 * {@code critical}: the newest backup of each critical source at a deeper level), evaluates the {@link AlertRules}
 * over their outcomes (pass rate, tasks that could not run, health DOWN) and sends any alerts to the notifiers as one
 * notification. The tasks are the seam to backup-verify; see {@link VerificationTask}.
 */
public final class VerificationJob implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(VerificationJob.class);

    private final Map<String, VerificationTask> tasks;
    private final AlertRules rules;
    private final NotificationDispatcher dispatcher;
    private final Clock clock;
    private volatile VerificationJobResult lastResult;

    private VerificationJob(Builder builder) {
        this.tasks = new LinkedHashMap<>(builder.tasks);
        this.rules = builder.rules;
        this.dispatcher = new NotificationDispatcher(builder.notifiers);
        this.clock = builder.clock;
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public void run() {
        runOnce();
    }

    /** Runs every task now and returns what they found; never throws. */
    public VerificationJobResult runOnce() {
        Instant started = clock.instant();
        List<VerificationOutcome> outcomes = new ArrayList<>();
        List<String> taskErrors = new ArrayList<>();
        for (Map.Entry<String, VerificationTask> task : tasks.entrySet()) {
            try {
                outcomes.add(Objects.requireNonNull(task.getValue().run(), "the task returned no outcome"));
            } catch (Exception e) {
                String error = "verification task '" + task.getKey() + "' could not run: " + e;
                LOG.error("{}", error, e);
                taskErrors.add(error);
            }
        }
        List<Alert> alerts = rules.evaluate(outcomes, taskErrors, started);
        List<String> errors = new ArrayList<>(taskErrors);
        if (!alerts.isEmpty()) {
            errors.addAll(dispatcher.send(Notification.of(alerts, started)));
        }
        int passed = outcomes.stream().mapToInt(VerificationOutcome::passed).sum();
        int failed = outcomes.stream().mapToInt(VerificationOutcome::failed).sum();
        VerificationJobResult result = new VerificationJobResult(started, clock.instant(), outcomes,
                passed + failed == 0 ? null : passed / (double) (passed + failed), alerts, errors);
        lastResult = result;
        return result;
    }

    /** The result of the latest run, if any. */
    public Optional<VerificationJobResult> lastResult() {
        return Optional.ofNullable(lastResult);
    }

    /** Collects the job's settings. */
    public static final class Builder {
        private final Map<String, VerificationTask> tasks = new LinkedHashMap<>();
        private AlertRules rules = AlertRules.defaults();
        private final List<Notifier> notifiers = new ArrayList<>();
        private Clock clock = Clock.systemUTC();

        private Builder() {
        }

        /** Adds a task under {@code name} (e.g. {@code recent}, {@code critical}); tasks run in the order added. */
        public Builder task(String name, VerificationTask task) {
            Objects.requireNonNull(name, "name");
            if (tasks.putIfAbsent(name, Objects.requireNonNull(task, "task")) != null) {
                throw new IllegalArgumentException("a verification task named '" + name + "' is already added");
            }
            return this;
        }

        /** The alert rules (default {@link AlertRules#defaults()}). */
        public Builder rules(AlertRules rules) {
            this.rules = Objects.requireNonNull(rules, "rules");
            return this;
        }

        /** Adds a notifier. */
        public Builder notifier(Notifier notifier) {
            notifiers.add(Objects.requireNonNull(notifier, "notifier"));
            return this;
        }

        /** The clock for timestamps (default system UTC). */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** @throws IllegalStateException without a task */
        public VerificationJob build() {
            if (tasks.isEmpty()) {
                throw new IllegalStateException("add at least one verification task");
            }
            return new VerificationJob(this);
        }
    }
}
