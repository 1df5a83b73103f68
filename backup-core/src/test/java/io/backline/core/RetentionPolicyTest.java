package io.backline.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

class RetentionPolicyTest {

    @Test
    void build_refusesAPolicyThatKeepsNothing() {
        assertThatThrownBy(() -> RetentionPolicy.builder().build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("keeps nothing");
        assertThatThrownBy(() -> RetentionPolicy.builder().keepDaily(0).keepWithin(Duration.ZERO).build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("keeps nothing");
    }

    @Test
    void setters_refuseNegativeCountsNamingTheRule() {
        RetentionPolicy.Builder builder = RetentionPolicy.builder();
        assertThatThrownBy(() -> builder.keepDaily(-1)).hasMessage("keepDaily needs to be >= 0, not -1");
        assertThatThrownBy(() -> builder.keepLast(-2)).hasMessage("keepLast needs to be >= 0, not -2");
        assertThatThrownBy(() -> builder.keepHourly(-3)).hasMessage("keepHourly needs to be >= 0, not -3");
        assertThatThrownBy(() -> builder.keepWeekly(-4)).hasMessage("keepWeekly needs to be >= 0, not -4");
        assertThatThrownBy(() -> builder.keepMonthly(-5)).hasMessage("keepMonthly needs to be >= 0, not -5");
        assertThatThrownBy(() -> builder.keepYearly(-6)).hasMessage("keepYearly needs to be >= 0, not -6");
        assertThatThrownBy(() -> builder.keepWithin(Duration.ofHours(-1)))
                .hasMessage("keepWithin needs to be >= 0, not PT-1H");
        assertThatThrownBy(() -> builder.zone(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void accessors_andToBuilder_roundTrip() {
        RetentionPolicy policy = RetentionPolicy.builder().keepLast(1).keepHourly(2).keepDaily(3).keepWeekly(4)
                .keepMonthly(5).keepYearly(6).keepWithin(Duration.ofDays(7)).zone(ZoneId.of("Europe/Berlin")).build();
        assertThat(policy.keepLast()).isEqualTo(1);
        assertThat(policy.keepHourly()).isEqualTo(2);
        assertThat(policy.keepDaily()).isEqualTo(3);
        assertThat(policy.keepWeekly()).isEqualTo(4);
        assertThat(policy.keepMonthly()).isEqualTo(5);
        assertThat(policy.keepYearly()).isEqualTo(6);
        assertThat(policy.keepWithin()).contains(Duration.ofDays(7));
        assertThat(policy.zone()).isEqualTo(ZoneId.of("Europe/Berlin"));
        assertThat(policy.toBuilder().build()).isEqualTo(policy).hasSameHashCodeAs(policy);
        assertThat(policy.toBuilder().keepLast(9).build()).isNotEqualTo(policy);
    }

    @Test
    void zone_defaultsToUtc() {
        assertThat(RetentionPolicy.builder().keepLast(1).build().zone().getId()).isEqualTo("Z");
    }

    @Test
    void toString_listsOnlyTheRulesThatAreOn() {
        assertThat(RetentionPolicy.builder().keepLast(3).keepDaily(7).keepWithin(Duration.ofHours(36)).build())
                .hasToString("RetentionPolicy{keepLast=3, keepDaily=7, keepWithin=1d12h, zone=Z}");
    }

    @Test
    void plan_refusesDuplicateIds() {
        RetentionPolicy policy = RetentionPolicy.builder().keepLast(1).build();
        Instant t = Instant.parse("2026-11-29T00:00:00Z");
        assertThatThrownBy(() -> policy.plan(List.of(RetentionCandidate.completed("a", t),
                RetentionCandidate.unsuccessful("a", t.plusSeconds(1)))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'a'");
    }

    @Test
    void plan_ofNoCandidatesIsEmpty() {
        RetentionPlan plan = RetentionPolicy.builder().keepDaily(3).build().plan(List.of());
        assertThat(plan.decisions()).isEmpty();
        assertThat(plan).hasToString("RetentionPlan: keep 0, delete 0, cleanup 0");
    }

    @Test
    void format_writesCompactDurations() {
        assertThat(RetentionPlanner.format(Duration.ofDays(7))).isEqualTo("7d");
        assertThat(RetentionPlanner.format(Duration.ofMinutes(90))).isEqualTo("1h30m");
        assertThat(RetentionPlanner.format(Duration.ofSeconds(45))).isEqualTo("45s");
        assertThat(RetentionPlanner.format(Duration.ofMillis(5))).isEqualTo("5ms");
    }
}
