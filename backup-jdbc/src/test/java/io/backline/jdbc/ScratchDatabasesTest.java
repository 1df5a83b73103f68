package io.backline.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.backline.core.manifest.BackupManifest;
import io.backline.core.manifest.BackupManifest.PayloadInfo;
import io.backline.core.manifest.BackupManifest.SourceInfo;
import io.backline.core.manifest.BackupStatus;
import io.backline.core.manifest.SourceKind;
import io.backline.verify.spi.ScratchContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What {@link ScratchDatabases} decides without a server: which backups it drills, names, builder checks. */
class ScratchDatabasesTest {
    private static final String SECRET = "scratch-unit-secret-9z";

    @TempDir
    Path dir;

    private static BackupManifest withPayload(String format) {
        return new BackupManifest("20260101T000000Z-abcdefgh", BackupManifest.FORMAT_VERSION,
                new SourceInfo("app", SourceKind.DATABASE, "app"), Map.of(), BackupStatus.COMPLETED, Instant.now(),
                Instant.now(), null, null, null, null, null, format == null ? null : new PayloadInfo(format), null,
                null, null, null);
    }

    @Test
    void supports_decidesByPayloadFormat_andServerPayloadsNeedTheirServer() {
        ScratchDatabases embeddedOnly = ScratchDatabases.builder().build();
        ScratchDatabases servers = ScratchDatabases.builder().postgres("jdbc:postgresql://db:5432/postgres")
                .mysql("jdbc:mariadb://db:3306/").embedded(false).build();

        assertThat(embeddedOnly.supports(withPayload("sqlite-db"))).isTrue();
        assertThat(embeddedOnly.supports(withPayload("h2-script"))).isTrue();
        assertThat(embeddedOnly.supports(withPayload("pg_dump-custom"))).isFalse();
        assertThat(embeddedOnly.supports(withPayload("mysqldump-sql"))).isFalse();
        assertThat(servers.supports(withPayload("pg_dump-custom"))).isTrue();
        assertThat(servers.supports(withPayload("mysqldump-sql"))).isTrue();
        assertThat(servers.supports(withPayload("sqlite-db"))).isFalse();
        assertThat(servers.supports(withPayload("tar-pax"))).isFalse();
        assertThat(servers.supports(withPayload(null))).isFalse();
    }

    @Test
    void create_refusesAScratchNameThatIsNotSafe_beforeTouchingAnything() throws Exception {
        ScratchDatabases scratch = ScratchDatabases.builder().build();
        for (String name : new String[] {"backline_verify_x\"; DROP DATABASE app; --", "Backline_verify_x", "app",
                "backline_verify_" + "x".repeat(48), "backline_verify_a-b", ""}) {
            ScratchContext context = new ScratchContext("app/20260101T000000Z-abcdefgh", name, dir,
                    Clock.systemUTC());

            assertThatThrownBy(() -> scratch.create(withPayload("sqlite-db"), context))
                    .as(name).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("backline_verify_[a-z0-9_]*");
        }
        try (var files = Files.list(dir)) {
            assertThat(files).isEmpty();
        }
        assertThat(ScratchDatabases.requireSafeName(ScratchContext.scratchNameFor("20261129T060000Z-k3v9q2xa")))
                .isEqualTo("backline_verify_20261129t060000z_k3v9q2xa");
    }

    @Test
    void create_refusesAPayloadItDoesNotSupport() {
        ScratchContext context = new ScratchContext("app/20260101T000000Z-abcdefgh",
                ScratchContext.scratchNameFor("20260101T000000Z-abcdefgh"), dir, Clock.systemUTC());

        assertThatThrownBy(() -> ScratchDatabases.builder().build().create(withPayload("pg_dump-custom"), context))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("pg_dump-custom");
    }

    @Test
    void describeAndToString_showTheServers_butNeverThePassword() {
        ScratchDatabases scratch = ScratchDatabases.builder()
                .postgres("postgresql://backline:" + SECRET + "@db-scratch:5432/postgres")
                .mysql("jdbc:mariadb://db-scratch:3306/", "backline", SECRET.toCharArray()).build();

        assertThat(scratch.describe()).contains("postgresql://backline@db-scratch:5432")
                .contains("mysql://backline@db-scratch:3306").doesNotContain(SECRET);
        assertThat(scratch.toString()).doesNotContain(SECRET);
    }

    @Test
    void build_refusesNothingToDo_andUrlsOfTheWrongKind() {
        assertThatThrownBy(() -> ScratchDatabases.builder().embedded(false).build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("postgres(…), mysql(…)");
        assertThatThrownBy(() -> ScratchDatabases.builder().postgres("jdbc:mariadb://db:3306/?password=" + SECRET))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("PostgreSQL")
                .hasMessageNotContaining(SECRET);
        assertThatThrownBy(() -> ScratchDatabases.builder().mysql("jdbc:postgresql://db/postgres"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("MySQL/MariaDB");
    }
}
