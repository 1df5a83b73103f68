package io.backline.jdbc.internal;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The views, triggers, routines and events of one MySQL/MariaDB database as {@code SHOW CREATE} statements taken
 * with that database current (so their references are unqualified), ready to be recreated in another database.
 * Tables are not here: they move with {@code RENAME TABLE}.
 */
public final class MySqlObjects {
    /** One object: kind ({@code VIEW}, {@code TRIGGER}, {@code PROCEDURE}, {@code FUNCTION}, {@code EVENT}). */
    public record Definition(String kind, String name, String create, String sqlMode, String timeZone) {
    }

    private final List<Definition> definitions;

    private MySqlObjects(List<Definition> definitions) {
        this.definitions = List.copyOf(definitions);
    }

    public List<Definition> definitions() {
        return definitions;
    }

    /** Reads the objects of {@code database}; switches {@code connection}'s catalog to it and back. */
    public static MySqlObjects capture(MySqlAdmin admin, String database) throws SQLException {
        Connection connection = admin.connection();
        String previous = connection.getCatalog();
        List<Definition> found = new ArrayList<>();
        connection.setCatalog(database);
        try (Statement statement = connection.createStatement()) {
            for (String view : admin.views(database)) {
                try (ResultSet row = statement.executeQuery("SHOW CREATE VIEW " + JdbcSupport.quoteBacktick(view))) {
                    row.next();
                    found.add(new Definition("VIEW", view, row.getString("Create View"), null, null));
                }
            }
            for (String routine : admin.routines(database)) {
                String[] parts = routine.split(" ", 2);
                try (ResultSet row = statement.executeQuery("SHOW CREATE " + parts[0] + " "
                        + JdbcSupport.quoteBacktick(parts[1]))) {
                    row.next();
                    String create = row.getString(parts[0].equals("PROCEDURE") ? "Create Procedure"
                            : "Create Function");
                    found.add(new Definition(parts[0], parts[1], create, row.getString("sql_mode"), null));
                }
            }
            for (String trigger : admin.triggers(database)) {
                try (ResultSet row = statement.executeQuery("SHOW CREATE TRIGGER "
                        + JdbcSupport.quoteBacktick(trigger))) {
                    row.next();
                    found.add(new Definition("TRIGGER", trigger, row.getString("SQL Original Statement"),
                            row.getString("sql_mode"), null));
                }
            }
            for (String event : admin.events(database)) {
                try (ResultSet row = statement.executeQuery("SHOW CREATE EVENT " + JdbcSupport.quoteBacktick(event))) {
                    row.next();
                    found.add(new Definition("EVENT", event, row.getString("Create Event"), row.getString("sql_mode"),
                            row.getString("time_zone")));
                }
            }
        } finally {
            connection.setCatalog(previous == null || previous.isEmpty() ? database : previous);
        }
        return new MySqlObjects(found);
    }

    /** Drops the triggers among these objects from {@code database}. */
    public void dropTriggers(MySqlAdmin admin, String database) throws SQLException {
        for (Definition d : definitions) {
            if (d.kind().equals("TRIGGER")) {
                admin.execute("DROP TRIGGER IF EXISTS " + qualified(database, d.name()));
            }
        }
    }

    /** Drops every object of these kinds, by these names, from {@code database} (missing ones are skipped). */
    public void dropAll(MySqlAdmin admin, String database) throws SQLException {
        for (Definition d : definitions) {
            String what = d.kind().equals("VIEW") ? "VIEW" : d.kind();
            admin.execute("DROP " + what + " IF EXISTS " + qualified(database, d.name()));
        }
    }

    /**
     * Creates these objects in {@code database}: routines first, then views (retried until their dependencies
     * exist), then triggers and events.
     */
    public void createIn(MySqlAdmin admin, String database) throws SQLException {
        Connection connection = admin.connection();
        String previous = connection.getCatalog();
        connection.setCatalog(database);
        try (Statement statement = connection.createStatement()) {
            String originalMode = single(statement, "SELECT @@SESSION.sql_mode");
            String originalZone = single(statement, "SELECT @@SESSION.time_zone");
            try {
                createKinds(statement, List.of("PROCEDURE", "FUNCTION"));
                createViews(statement);
                createKinds(statement, List.of("TRIGGER", "EVENT"));
            } finally {
                setSession(statement, originalMode, originalZone);
            }
        } finally {
            if (previous != null && !previous.isEmpty()) {
                connection.setCatalog(previous);
            }
        }
    }

    private void createKinds(Statement statement, List<String> kinds) throws SQLException {
        for (Definition d : definitions) {
            if (kinds.contains(d.kind())) {
                setSession(statement, d.sqlMode(), d.timeZone());
                statement.execute(d.create());
            }
        }
    }

    private void createViews(Statement statement) throws SQLException {
        List<Definition> pending = new ArrayList<>();
        for (Definition d : definitions) {
            if (d.kind().equals("VIEW")) {
                pending.add(d);
            }
        }
        while (!pending.isEmpty()) {
            SQLException last = null;
            List<Definition> failed = new ArrayList<>();
            for (Definition view : pending) {
                try {
                    statement.execute(view.create());
                } catch (SQLException e) {
                    last = e;
                    failed.add(view);
                }
            }
            if (failed.size() == pending.size()) {
                throw last;
            }
            pending = failed;
        }
    }

    private static void setSession(Statement statement, String sqlMode, String timeZone) throws SQLException {
        if (sqlMode != null) {
            statement.execute("SET SESSION sql_mode = '" + sqlMode.replace("'", "''") + "'");
        }
        if (timeZone != null) {
            statement.execute("SET SESSION time_zone = '" + timeZone.replace("'", "''") + "'");
        }
    }

    private static String single(Statement statement, String sql) throws SQLException {
        try (ResultSet row = statement.executeQuery(sql)) {
            row.next();
            return row.getString(1);
        }
    }

    private static String qualified(String database, String name) {
        return JdbcSupport.quoteBacktick(database) + "." + JdbcSupport.quoteBacktick(name);
    }
}
