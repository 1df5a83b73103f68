package io.backline.jdbc.internal;

import io.backline.core.spi.RestoreOutcome;
import io.backline.core.spi.StagedRestore;
import java.io.IOException;
import java.io.InputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A staged restore into a database that does not exist yet: the new database is its own staging area. The restore
 * creates it and fills it; {@link #commit()} keeps it; {@link #close()} without a commit drops it again, so a payload
 * that fails a check at its end leaves the server as it was. A database this restore did not create (because
 * creating it failed) is never dropped.
 */
public final class NewDatabaseRestore implements StagedRestore {
    private static final Logger LOG = LoggerFactory.getLogger(NewDatabaseRestore.class);

    /** Creates or drops the database; failures are already typed by the target. */
    @FunctionalInterface
    public interface Step {
        void run() throws IOException;
    }

    /** Fills the created database from the payload and checks it. */
    @FunctionalInterface
    public interface Fill {
        RestoreOutcome run(InputStream payload) throws IOException;
    }

    private final String description;
    private final Step create;
    private final Fill fill;
    private final Step drop;
    private boolean created;
    private boolean committed;

    /**
     * @param description the database, for the log when it cannot be dropped
     */
    public NewDatabaseRestore(String description, Step create, Fill fill, Step drop) {
        this.description = description;
        this.create = create;
        this.fill = fill;
        this.drop = drop;
    }

    @Override
    public RestoreOutcome restore(InputStream payload) throws IOException {
        create.run();
        created = true;
        return fill.run(payload);
    }

    @Override
    public void commit() {
        committed = true;
    }

    @Override
    public void close() {
        if (!created || committed) {
            return;
        }
        try {
            drop.run();
        } catch (IOException | RuntimeException e) {
            LOG.warn("could not drop {}, created by a restore that did not complete: {}", description, e.toString());
        }
    }
}
