package io.backline.verify;

import java.time.Duration;
import java.util.Objects;

/**
 * What a source's backups must look like to be healthy. Immutable; {@link #toBuilder()} changes a copy.
 *
 * <ul>
 *   <li>{@link #maxAge()} — the RPO: the newest completed backup must have started within it, else DOWN
 *       (default 26 hours: a daily backup with two hours' slack).</li>
 *   <li>{@link #minSizeRatio()} over {@link #sizeHistory()} — the newest backup's payload must be at least this
 *       share of the median of the previous ones (default 0.5 of the last 7, judged once 3 exist), else DEGRADED:
 *       an empty dump that "succeeded". An empty payload is DEGRADED unless {@link #allowEmpty()}.</li>
 *   <li>{@link #maxVerificationAge()} — the newest verification of the source must have passed and be this recent
 *       (default 8 days), else DEGRADED; never verified is DEGRADED unless {@link #verificationRequired()} is off.</li>
 *   <li>The newest attempt must not have failed or been interrupted, else DEGRADED.</li>
 * </ul>
 */
public final class HealthPolicy {
    private final Duration maxAge;
    private final int sizeHistory;
    private final double minSizeRatio;
    private final boolean allowEmpty;
    private final Duration maxVerificationAge;
    private final boolean verificationRequired;

    private HealthPolicy(Builder builder) {
        this.maxAge = builder.maxAge;
        this.sizeHistory = builder.sizeHistory;
        this.minSizeRatio = builder.minSizeRatio;
        this.allowEmpty = builder.allowEmpty;
        this.maxVerificationAge = builder.maxVerificationAge;
        this.verificationRequired = builder.verificationRequired;
    }

    /** The defaults described above. */
    public static HealthPolicy defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder().maxAge(maxAge).sizeHistory(sizeHistory).minSizeRatio(minSizeRatio).allowEmpty(allowEmpty)
                .maxVerificationAge(maxVerificationAge).verificationRequired(verificationRequired);
    }

    public Duration maxAge() {
        return maxAge;
    }

    public int sizeHistory() {
        return sizeHistory;
    }

    public double minSizeRatio() {
        return minSizeRatio;
    }

    public boolean allowEmpty() {
        return allowEmpty;
    }

    public Duration maxVerificationAge() {
        return maxVerificationAge;
    }

    public boolean verificationRequired() {
        return verificationRequired;
    }

    @Override
    public String toString() {
        return "HealthPolicy[maxAge " + maxAge + ", size >= " + minSizeRatio + " x median of " + sizeHistory
                + (allowEmpty ? ", empty allowed" : "") + ", verification within " + maxVerificationAge
                + (verificationRequired ? "" : " if any") + "]";
    }

    /** Configures a {@link HealthPolicy}. */
    public static final class Builder {
        private Duration maxAge = Duration.ofHours(26);
        private int sizeHistory = 7;
        private double minSizeRatio = 0.5;
        private boolean allowEmpty;
        private Duration maxVerificationAge = Duration.ofDays(8);
        private boolean verificationRequired = true;

        private Builder() {
        }

        /** The RPO: the newest completed backup must have started within it. */
        public Builder maxAge(Duration value) {
            this.maxAge = positive(value, "maxAge");
            return this;
        }

        /** How many earlier backups the size check takes the median of (at least 3). */
        public Builder sizeHistory(int value) {
            if (value < 3) {
                throw new IllegalArgumentException("sizeHistory needs to be at least 3, not " + value);
            }
            this.sizeHistory = value;
            return this;
        }

        /** The least share of the median size the newest backup may have (0 turns the check off). */
        public Builder minSizeRatio(double value) {
            if (!(value >= 0 && value < 1)) {
                throw new IllegalArgumentException("minSizeRatio needs to be in [0, 1), not " + value);
            }
            this.minSizeRatio = value;
            return this;
        }

        /** Whether an empty payload (no bytes, no files) is fine. */
        public Builder allowEmpty(boolean value) {
            this.allowEmpty = value;
            return this;
        }

        /** How recent the newest passing verification must be. */
        public Builder maxVerificationAge(Duration value) {
            this.maxVerificationAge = positive(value, "maxVerificationAge");
            return this;
        }

        /** Whether a source never verified is DEGRADED (default) or fine. */
        public Builder verificationRequired(boolean value) {
            this.verificationRequired = value;
            return this;
        }

        public HealthPolicy build() {
            return new HealthPolicy(this);
        }

        private static Duration positive(Duration value, String name) {
            Objects.requireNonNull(value, name);
            if (value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException(name + " needs to be a positive duration, not " + value);
            }
            return value;
        }
    }
}
