package io.backline.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.backline.jdbc.internal.Endpoint;
import org.junit.jupiter.api.Test;

class DatabaseUrlsTest {

    @Test
    void fromUrl_recognisesEverySupportedScheme() {
        assertThat(DatabaseSources.fromUrl("jdbc:postgresql://db1:5433/orders")).isInstanceOf(PostgresSource.class);
        assertThat(DatabaseSources.fromUrl("postgresql://u@db1/orders")).isInstanceOf(PostgresSource.class);
        assertThat(DatabaseSources.fromUrl("postgres://u@db1/orders")).isInstanceOf(PostgresSource.class);
        assertThat(DatabaseSources.fromUrl("jdbc:mysql://db2/shop")).isInstanceOf(MySqlSource.class);
        assertThat(DatabaseSources.fromUrl("jdbc:mariadb://db2/shop")).isInstanceOf(MySqlSource.class);
        assertThat(DatabaseSources.fromUrl("mysql://root@db2/shop")).isInstanceOf(MySqlSource.class);
        assertThat(DatabaseSources.fromUrl("mariadb://root@db2/shop")).isInstanceOf(MySqlSource.class);
        assertThat(DatabaseSources.fromUrl("jdbc:h2:mem:x")).isInstanceOf(H2Source.class);
        assertThat(DatabaseSources.fromUrl("jdbc:sqlite:/tmp/x.db")).isInstanceOf(SqliteSource.class);
        assertThat(DatabaseTargets.fromUrl("postgresql://u@db1/orders", RestoreMode.SAFE_REPLACE))
                .isInstanceOf(PostgresTarget.class);
        assertThat(DatabaseTargets.fromUrl("jdbc:mariadb://db2/shop", RestoreMode.REPLACE))
                .isInstanceOf(MySqlTarget.class);
        assertThat(DatabaseTargets.fromUrl("jdbc:h2:mem:x", RestoreMode.CREATE_NEW)).isInstanceOf(H2Target.class);
        assertThat(DatabaseTargets.fromUrl("jdbc:sqlite:/tmp/x.db", RestoreMode.CREATE_NEW))
                .isInstanceOf(SqliteTarget.class);
    }

    @Test
    void fromUrl_rejectsUnknownSchemesWithoutRepeatingThePassword() {
        assertThatThrownBy(() -> DatabaseSources.fromUrl("jdbc:oracle:thin:scott/tiger@h:1521?password=tiger"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageNotContaining("=tiger")
                .hasMessageContaining("jdbc:postgresql:");
    }

    @Test
    void descriptions_neverContainPasswords() {
        var postgres = DatabaseSources.fromUrl("postgresql://alice:s3cr%40t@db1:5433/orders?sslmode=require");
        assertThat(postgres.description()).isEqualTo("postgresql://alice@db1:5433/orders");
        assertThat(postgres.name()).isEqualTo("orders");
        var mysql = DatabaseSources.fromUrl("jdbc:mysql://db2/shop?user=bob&password=hunter2", null,
                "other".toCharArray());
        assertThat(mysql.description()).isEqualTo("mysql://bob@db2:3306/shop");
        assertThat(mysql + mysql.description()).doesNotContain("hunter2").doesNotContain("other");
        var target = DatabaseTargets.fromUrl("mysql://bob:hunter2@db2/shop", RestoreMode.REPLACE);
        assertThat(target.describe() + target).doesNotContain("hunter2");
    }

    @Test
    void endpoint_parsesUserinfoQueryIpv6AndDefaults() {
        Endpoint e = Endpoint.parse("postgresql://us%20er:p%3Aw@[::1]:6543/my%20db?sslmode=verify-full&user=x");
        assertThat(e.host()).isEqualTo("::1");
        assertThat(e.port()).isEqualTo(6543);
        assertThat(e.database()).isEqualTo("my db");
        assertThat(e.user()).isEqualTo("x");
        assertThat(new String(e.password())).isEqualTo("p:w");
        assertThat(e.parameters()).containsExactly(java.util.Map.entry("sslmode", "verify-full"));
        assertThat(e.jdbcUrl("jdbc:postgresql")).isEqualTo("jdbc:postgresql://[::1]:6543/my%20db?sslmode=verify-full");
        Endpoint m = Endpoint.parse("jdbc:mariadb://db/shop");
        assertThat(m.port()).isEqualTo(3306);
        assertThat(m.user()).isNull();
        assertThatThrownBy(() -> Endpoint.parse("jdbc:postgresql://a,b/db")).hasMessageContaining("one");
        assertThatThrownBy(() -> Endpoint.parse("jdbc:postgresql://a:99999/db")).hasMessageContaining("port");
    }
}
