package io.backline.verify;

import io.backline.core.manifest.BackupManifest.DatabaseInfo;
import io.backline.core.manifest.BackupManifest.FilesInfo;
import io.backline.core.manifest.BackupManifest.TableInfo;
import io.backline.core.manifest.SourceKind;
import io.backline.core.spi.BackupSource;
import io.backline.core.spi.SourceContext;
import io.backline.core.spi.SourceReport;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A test source that streams prepared bytes or a file as its payload and reports whatever the test says it holds —
 * the way to store a damaged-at-the-source payload (a cut tar, a dump missing a table) under a manifest that
 * promises more.
 */
final class StreamSource implements BackupSource {
    private final String name;
    private final SourceKind kind;
    private final String format;
    private final String extension;
    private final Opener payload;
    private final SourceReport report;

    @FunctionalInterface
    interface Opener {
        InputStream open() throws IOException;
    }

    private StreamSource(String name, SourceKind kind, String format, String extension, Opener payload,
                         SourceReport report) {
        this.name = name;
        this.kind = kind;
        this.format = format;
        this.extension = extension;
        this.payload = payload;
        this.report = report;
    }

    /** A PostgreSQL custom-format dump in {@code file}, reported as holding {@code tables}. */
    static StreamSource pgDump(String name, Path file, List<TableInfo> tables) {
        return new StreamSource(name, SourceKind.DATABASE, "pg_dump-custom", "pgdump", () -> Files.newInputStream(file),
                SourceReport.ofDatabase(new DatabaseInfo("PostgreSQL", "15", "pg_dump", "15", "test", tables)));
    }

    /** A database payload of {@code format} holding {@code bytes}, reported as holding {@code tables}. */
    static StreamSource database(String name, String format, String extension, byte[] bytes, List<TableInfo> tables) {
        return new StreamSource(name, SourceKind.DATABASE, format, extension,
                () -> new java.io.ByteArrayInputStream(bytes),
                SourceReport.ofDatabase(new DatabaseInfo("test", "1", "test", "1", "test", tables)));
    }

    /** A tar payload holding {@code bytes}, reported with {@code files}. */
    static StreamSource tar(String name, byte[] bytes, FilesInfo files) {
        return new StreamSource(name, SourceKind.FILES, "tar-pax", "tar", () -> new java.io.ByteArrayInputStream(bytes),
                SourceReport.ofFiles(files));
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public SourceKind kind() {
        return kind;
    }

    @Override
    public String description() {
        return "test stream " + format;
    }

    @Override
    public String payloadFormat() {
        return format;
    }

    @Override
    public String payloadExtension() {
        return extension;
    }

    @Override
    public SourceReport writeTo(OutputStream out, SourceContext context) throws IOException {
        try (InputStream in = payload.open()) {
            in.transferTo(out);
        }
        return report;
    }
}
