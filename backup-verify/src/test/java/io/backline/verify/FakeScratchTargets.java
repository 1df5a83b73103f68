package io.backline.verify;

import io.backline.core.manifest.BackupManifest;
import io.backline.core.spi.RestoreContext;
import io.backline.core.spi.RestoreOutcome;
import io.backline.core.spi.RestoreTarget;
import io.backline.verify.spi.ScratchContents;
import io.backline.verify.spi.ScratchContext;
import io.backline.verify.spi.ScratchTarget;
import io.backline.verify.spi.ScratchTargets;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongUnaryOperator;

/**
 * A scratch-target provider for the SPI contract: supports {@code generated} payloads, records every call, reports
 * the manifest's row counts (changed by {@code rows}) and fails where it is told to.
 */
final class FakeScratchTargets implements ScratchTargets {
    final List<String> calls = new ArrayList<>();
    boolean failCreate;
    boolean failRestore;
    boolean failClose;
    LongUnaryOperator rows = LongUnaryOperator.identity();

    @Override
    public boolean supports(BackupManifest manifest) {
        return manifest.payload() != null && "generated".equals(manifest.payload().format());
    }

    @Override
    public ScratchTarget create(BackupManifest manifest, ScratchContext context) throws IOException {
        calls.add("create " + context.scratchName());
        if (failCreate) {
            throw new IOException("scratch server refused CREATE DATABASE");
        }
        return new ScratchTarget() {
            @Override
            public String describe() {
                return "fake database " + context.scratchName();
            }

            @Override
            public RestoreTarget restoreTarget() {
                return new RestoreTarget() {
                    @Override
                    public String describe() {
                        return "fake";
                    }

                    @Override
                    public void prepare(BackupManifest m, RestoreContext c) {
                        calls.add("prepare");
                    }

                    @Override
                    public RestoreOutcome restore(InputStream payload, BackupManifest m, RestoreContext c)
                            throws IOException {
                        calls.add("restore");
                        long bytes = 0;
                        byte[] buffer = new byte[8192];
                        int n;
                        while ((n = payload.read(buffer)) >= 0) {
                            bytes += n;
                            if (failRestore && bytes > 100_000) {
                                throw new IOException("the scratch server went away");
                            }
                        }
                        return new RestoreOutcome("fake", 1, bytes);
                    }
                };
            }

            @Override
            public ScratchContents inspect() {
                calls.add("inspect");
                return ScratchContents.ofTables(manifest.database().tables().stream()
                        .map(t -> new ScratchContents.TableRows(t.schema(), t.name(), rows.applyAsLong(t.rows())))
                        .toList());
            }

            @Override
            public void close() throws IOException {
                calls.add("close");
                if (failClose) {
                    throw new IOException("DROP DATABASE timed out");
                }
            }
        };
    }

    @Override
    public String describe() {
        return "fake scratch server";
    }
}
