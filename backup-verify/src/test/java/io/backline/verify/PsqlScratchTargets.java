package io.backline.verify;

import io.backline.core.manifest.BackupManifest;
import io.backline.core.spi.RestoreContext;
import io.backline.core.spi.RestoreOutcome;
import io.backline.core.spi.RestoreTarget;
import io.backline.verify.spi.ScratchContents;
import io.backline.verify.spi.ScratchContents.TableRows;
import io.backline.verify.spi.ScratchContext;
import io.backline.verify.spi.ScratchTarget;
import io.backline.verify.spi.ScratchTargets;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A minimal scratch-target provider for PostgreSQL custom-format dumps over the CLI tools, for tests: creates the
 * database {@code backline_verify_<id>}, pipes the payload into {@code pg_restore --no-owner --exit-on-error}, counts
 * every user table's rows with {@code count(*)} and drops the database with {@code WITH (FORCE)}. The production one
 * belongs in backup-jdbc.
 */
final class PsqlScratchTargets implements ScratchTargets {
    private final TestPostgres postgres;

    PsqlScratchTargets(TestPostgres postgres) {
        this.postgres = postgres;
    }

    @Override
    public boolean supports(BackupManifest manifest) {
        return manifest.payload() != null && "pg_dump-custom".equals(manifest.payload().format());
    }

    @Override
    public ScratchTarget create(BackupManifest manifest, ScratchContext context) throws IOException {
        String name = context.scratchName();
        if (!name.matches("[a-z0-9_]{1,63}")) {
            throw new IOException("unsafe scratch database name " + name);
        }
        call(() -> postgres.psql("postgres", "CREATE DATABASE " + name));
        return new ScratchTarget() {
            @Override
            public String describe() {
                return "database " + name;
            }

            @Override
            public RestoreTarget restoreTarget() {
                return new RestoreTarget() {
                    @Override
                    public String describe() {
                        return "database " + name;
                    }

                    @Override
                    public void prepare(BackupManifest m, RestoreContext c) {
                        // the database was created empty for this drill
                    }

                    @Override
                    public RestoreOutcome restore(InputStream payload, BackupManifest m, RestoreContext c)
                            throws IOException {
                        call(() -> postgres.run(payload, null, "pg_restore", "--no-owner", "--exit-on-error", "-d",
                                name));
                        return new RestoreOutcome("database " + name, 0, 0);
                    }
                };
            }

            @Override
            public ScratchContents inspect() throws IOException {
                List<TableRows> tables = new ArrayList<>();
                List<String> names = call(() -> postgres.psql(name, "SELECT table_schema || '|' || table_name"
                        + " FROM information_schema.tables WHERE table_type = 'BASE TABLE'"
                        + " AND table_schema NOT IN ('pg_catalog', 'information_schema')"));
                for (String line : names) {
                    String[] parts = line.split("\\|", 2);
                    long rows = Long.parseLong(call(() -> postgres.psql(name, "SELECT count(*) FROM \""
                            + parts[0].replace("\"", "\"\"") + "\".\"" + parts[1].replace("\"", "\"\"") + "\""))
                            .get(0));
                    tables.add(new TableRows(parts[0], parts[1], rows));
                }
                return ScratchContents.ofTables(tables);
            }

            @Override
            public void close() throws IOException {
                call(() -> postgres.psql("postgres", "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)"));
            }
        };
    }

    @Override
    public String describe() {
        return "test PostgreSQL server";
    }

    private interface Call<T> {
        T get();
    }

    private static <T> T call(Call<T> call) throws IOException {
        try {
            return call.get();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
