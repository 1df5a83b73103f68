package io.backline.jdbc.internal;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts a restored sibling database in the place of a MySQL/MariaDB target, which cannot be renamed: all tables of
 * both move in one atomic {@code RENAME TABLE} (the target's to {@code old}, the sibling's to the target), and the
 * views, routines, triggers and events are recreated from {@code SHOW CREATE} in their new homes. Triggers must be
 * dropped before their tables can change database. If anything fails before the new objects are all in place,
 * the tables are renamed back and the target's own objects recreated, so the target ends as it began.
 */
public final class MySqlSwap {
    private static final Logger LOG = LoggerFactory.getLogger(MySqlSwap.class);

    private final MySqlAdmin admin;
    private final String target;
    private final String sibling;
    private final String old;

    public MySqlSwap(MySqlAdmin admin, String target, String sibling, String old) {
        this.admin = admin;
        this.target = target;
        this.sibling = sibling;
        this.old = old;
    }

    /** Swaps; on success the sibling is gone and the old data lives in {@code old} (dropped when asked). */
    public void run(boolean dropOld) throws SQLException {
        MySqlObjects incoming = MySqlObjects.capture(admin, sibling);
        MySqlObjects outgoing = MySqlObjects.capture(admin, target);
        List<String> targetTables = admin.dataTables(target);
        List<String> siblingTables = admin.dataTables(sibling);
        admin.create(old, target);
        boolean renamed = false;
        try {
            outgoing.dropTriggers(admin, target);
            incoming.dropTriggers(admin, sibling);
            admin.killConnections(target);
            rename(List.of(new Move(target, old, targetTables), new Move(sibling, target, siblingTables)));
            renamed = true;
            outgoing.dropAll(admin, target);
            incoming.createIn(admin, target);
        } catch (SQLException | RuntimeException e) {
            rollBack(e, renamed, incoming, outgoing, targetTables, siblingTables);
            throw e;
        }
        try {
            outgoing.createIn(admin, old);
        } catch (SQLException e) {
            LOG.warn("the old copy {} lacks some views, routines, triggers or events: {}", old, e.getMessage());
        }
        admin.drop(sibling);
        if (dropOld) {
            admin.drop(old);
        }
    }

    private void rollBack(Exception failure, boolean renamed, MySqlObjects incoming, MySqlObjects outgoing,
                          List<String> targetTables, List<String> siblingTables) {
        try {
            incoming.dropAll(admin, target);
            if (renamed) {
                rename(List.of(new Move(target, sibling, siblingTables), new Move(old, target, targetTables)));
            }
            outgoing.dropAll(admin, target);
            outgoing.createIn(admin, target);
        } catch (SQLException | RuntimeException e) {
            failure.addSuppressed(e);
        }
        try {
            admin.drop(old);
        } catch (SQLException e) {
            failure.addSuppressed(e);
        }
    }

    private record Move(String from, String to, List<String> tables) {
    }

    private void rename(List<Move> moves) throws SQLException {
        List<String> clauses = new ArrayList<>();
        for (Move move : moves) {
            for (String table : move.tables()) {
                clauses.add(JdbcSupport.quoteBacktick(move.from()) + "." + JdbcSupport.quoteBacktick(table) + " TO "
                        + JdbcSupport.quoteBacktick(move.to()) + "." + JdbcSupport.quoteBacktick(table));
            }
        }
        if (!clauses.isEmpty()) {
            admin.execute("RENAME TABLE " + String.join(", ", clauses));
        }
    }
}
