/**
 * Databases as Backline backup sources and restore targets.
 *
 * <p>Sources: {@link io.backline.jdbc.PostgresSource} ({@code pg_dump} custom format), {@link
 * io.backline.jdbc.MySqlSource} ({@code mariadb-dump}/{@code mysqldump} SQL), {@link io.backline.jdbc.H2Source}
 * ({@code SCRIPT}) and {@link io.backline.jdbc.SqliteSource} (online backup). Targets: the matching
 * {@code …Target} classes, each with an explicit {@link io.backline.jdbc.RestoreMode}.
 * {@link io.backline.jdbc.DatabaseSources} and {@link io.backline.jdbc.DatabaseTargets} pick one from a URL.
 * {@link io.backline.jdbc.ScratchDatabases} gives backup-verify's restore drills scratch databases (it needs the
 * optional backup-verify dependency on the class path).
 *
 * <p>Every payload is what the stock tool reads ({@code pg_restore}, {@code mariadb}, a SQLite file, H2
 * {@code RUNSCRIPT}). Passwords reach child tools only through 0600 files deleted afterwards, never argv,
 * messages, descriptions or {@code toString()}. JDBC drivers are optional dependencies: the host brings the ones
 * it uses. Everything in {@code io.backline.jdbc.internal} may change without notice.
 */
package io.backline.jdbc;
