package io.backline.core.internal;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarUtils;
import org.apache.commons.compress.archivers.zip.ZipEncoding;
import org.apache.commons.compress.archivers.zip.ZipEncodingHelper;

/**
 * Reads the entries of a tar stream one after another, as commons-compress's {@code TarArchiveInputStream} does and
 * with its parser for every header ({@link TarArchiveEntry}), but framing the 512-byte records itself, so that moving
 * from one entry to the next allocates nothing. (commons-compress 1.28 skips the end of every entry and then its
 * padding through a new 8 KiB buffer each time: two such buffers per file, 65% of all the garbage of a restore of the
 * benchmark tree; docs/PERFORMANCE.md measures what avoiding them saves.)
 *
 * <p>Understood: ustar, GNU and pax headers; GNU long names and long link targets; pax extended and global headers
 * (an empty value removes a global one); old GNU sparse headers and their extension records, so that the entries
 * after a sparse file are found (whose data this reader passes on as stored, without expanding holes). Each header's
 * checksum is verified. Names are UTF-8. The archive ends at its first all-zero record or, as with
 * {@code TarArchiveInputStream}, where the stream ends between two entries; the caller reads whatever follows.
 * Not thread safe.
 */
public final class TarEntryReader {
    private static final int RECORD = 512;
    /** The most a GNU long name or a pax header may hold (a path is at most a few KiB on any file system). */
    private static final int MAX_METADATA = 1 << 20;
    private static final int EXTENDED_FLAG = 504;
    private static final String GNU_SPARSE = "GNU.sparse.";
    private static final ZipEncoding UTF8 = ZipEncodingHelper.getZipEncoding(StandardCharsets.UTF_8);

    private final InputStream in;
    private final byte[] record = new byte[RECORD];
    private final byte[] skipBuffer = new byte[8 * 1024];
    private final Map<String, String> globalPax = new HashMap<>();
    private final EntryData data = new EntryData();
    private long remaining;
    private int padding;
    private boolean ended;
    private boolean sparse;

    public TarEntryReader(InputStream in) {
        this.in = in;
    }

    /**
     * Skips what is left of the current entry and reads the next one.
     *
     * @return the next entry, or null at the end of the archive
     * @throws IOException when a header is damaged or the stream ends inside an entry
     */
    public TarArchiveEntry next() throws IOException {
        skipRest();
        String longName = null;
        String longLink = null;
        Map<String, String> pax = null;
        while (!ended) {
            if (!readHeader()) {
                if (longName != null || longLink != null || pax != null) {
                    throw new EOFException("the tar stream ends after an extended header, before its entry");
                }
                break;
            }
            TarArchiveEntry entry = parse();
            start(entry);
            if (entry.isGNULongLinkEntry()) {
                longLink = UTF8.decode(trimNuls(readMetadata()));
            } else if (entry.isGNULongNameEntry()) {
                longName = UTF8.decode(trimNuls(readMetadata()));
            } else if (entry.isGlobalPaxHeader()) {
                applyPaxRecords(readMetadata(), globalPax);
            } else if (entry.isPaxHeader()) {
                pax = new LinkedHashMap<>(globalPax);
                applyPaxRecords(readMetadata(), pax);
            } else {
                return complete(entry, longName, longLink, pax);
            }
        }
        return null;
    }

    /**
     * Whether the current entry is a sparse file (old GNU, GNU pax 0.0–1.0 or star), whose data this reader passes on
     * as stored; its holes are not expanded.
     */
    public boolean isSparse() {
        return sparse;
    }

    /** The current entry's data; ends where the entry does. Valid until the next call of {@link #next()}. */
    public InputStream data() {
        return data;
    }

    /** Reads a header record; false at the end of the archive. */
    private boolean readHeader() throws IOException {
        int n = in.readNBytes(record, 0, RECORD);
        if (n == 0) {
            ended = true;
            return false;
        }
        if (n < RECORD) {
            throw new EOFException("the tar stream ends inside a header (" + n + " of 512 bytes)");
        }
        if (isZeros(record)) {
            ended = true;
            return false;
        }
        if (!TarUtils.verifyCheckSum(record)) {
            throw new IOException("damaged tar header: its checksum does not match");
        }
        return true;
    }

    private TarArchiveEntry parse() throws IOException {
        TarArchiveEntry entry;
        try {
            entry = new TarArchiveEntry(globalPax, record, UTF8, false);
        } catch (IllegalArgumentException e) {
            throw new IOException("damaged tar header: " + e.getMessage(), e);
        }
        if (entry.isOldGNUSparse() && entry.isExtended()) {
            skipSparseExtensions();
        }
        return entry;
    }

    /** Old GNU sparse files list further holes in extension records, each saying whether another follows. */
    private void skipSparseExtensions() throws IOException {
        boolean more = true;
        while (more) {
            if (in.readNBytes(record, 0, RECORD) < RECORD) {
                throw new EOFException("the tar stream ends inside a sparse file's extension header");
            }
            more = record[EXTENDED_FLAG] != 0;
        }
    }

    /** Sets up the data of {@code entry}: its size, then padding to the record, as the tar reader of commons does. */
    private void start(TarArchiveEntry entry) throws IOException {
        long size = entry.isDirectory() ? 0 : entry.getSize();
        if (size < 0) {
            throw new IOException("damaged tar header: entry '" + entry.getName() + "' has size " + size);
        }
        remaining = size;
        padding = (int) ((RECORD - size % RECORD) % RECORD);
    }

    private TarArchiveEntry complete(TarArchiveEntry entry, String longName, String longLink,
                                     Map<String, String> pax) throws IOException {
        if (longLink != null) {
            entry.setLinkName(longLink);
        }
        if (longName != null) {
            entry.setName(entry.isDirectory() && !longName.endsWith("/") ? longName + "/" : longName);
        }
        sparse = entry.isSparse();
        Map<String, String> headers = pax != null ? pax : globalPax; // an entry's own pax header includes the globals
        if (!headers.isEmpty()) {
            try {
                for (Map.Entry<String, String> header : headers.entrySet()) {
                    if (header.getKey().startsWith(GNU_SPARSE)) {
                        sparse = true; // its keys depend on one another, which addPaxHeader cannot see
                    } else {
                        entry.addPaxHeader(header.getKey(), header.getValue());
                    }
                }
                String sparseName = headers.get(GNU_SPARSE + "name");
                if (sparseName != null) {
                    entry.setName(sparseName);
                }
            } catch (IllegalArgumentException e) {
                Throwable reason = e.getCause() != null ? e.getCause() : e;
                throw new IOException("damaged pax header of tar entry '" + entry.getName() + "': "
                        + reason.getMessage(), e);
            }
        }
        start(entry); // a pax size, or a long name that makes it a directory, changes how much data follows
        return entry;
    }

    /** Reads a metadata entry's whole data (a long name or pax records) and its padding. */
    private byte[] readMetadata() throws IOException {
        if (remaining > MAX_METADATA) {
            throw new IOException("tar extended header of " + remaining + " bytes is larger than "
                    + MAX_METADATA + " bytes");
        }
        byte[] bytes = in.readNBytes((int) remaining);
        if (bytes.length < remaining) {
            throw new EOFException("the tar stream ends inside an extended header");
        }
        remaining = 0;
        skipRest();
        return bytes;
    }

    /**
     * Applies pax records ({@code "<length> <key>=<value>\n"}, the length counting the whole record) to
     * {@code headers}; an empty value removes the key.
     */
    static void applyPaxRecords(byte[] records, Map<String, String> headers) throws IOException {
        int position = 0;
        while (position < records.length) {
            if (records[position] == 0) {
                break; // NUL padding after the last record
            }
            int space = position;
            int length = 0;
            while (space < records.length && records[space] >= '0' && records[space] <= '9') {
                length = Math.addExact(Math.multiplyExact(length, 10), records[space] - '0');
                space++;
            }
            int end = position + length;
            if (space == position || space >= records.length || records[space] != ' ' || length <= 0
                    || end > records.length || records[end - 1] != '\n') {
                throw new IOException("damaged pax header: malformed record at byte " + position);
            }
            int equals = space + 1;
            while (equals < end - 1 && records[equals] != '=') {
                equals++;
            }
            if (equals >= end - 1 || equals == space + 1) {
                throw new IOException("damaged pax header: a record at byte " + position + " has no key=value");
            }
            String key = new String(records, space + 1, equals - space - 1, StandardCharsets.UTF_8);
            if (equals + 1 == end - 1) {
                headers.remove(key);
            } else {
                headers.put(key, new String(records, equals + 1, end - 1 - (equals + 1), StandardCharsets.UTF_8));
            }
            position = end;
        }
    }

    /** Consumes the rest of the current entry's data and its padding. */
    private void skipRest() throws IOException {
        long left = remaining + padding;
        while (left > 0) {
            int n = in.read(skipBuffer, 0, (int) Math.min(skipBuffer.length, left));
            if (n < 0) {
                throw new EOFException("the tar stream ends inside an entry");
            }
            left -= n;
        }
        remaining = 0;
        padding = 0;
    }

    private static byte[] trimNuls(byte[] bytes) {
        int length = bytes.length;
        while (length > 0 && bytes[length - 1] == 0) {
            length--;
        }
        return length == bytes.length ? bytes : Arrays.copyOf(bytes, length);
    }

    private static boolean isZeros(byte[] bytes) {
        for (byte b : bytes) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }

    /** The current entry's data as a stream. */
    private final class EntryData extends InputStream {
        @Override
        public int read() throws IOException {
            if (remaining == 0) {
                return -1;
            }
            int b = in.read();
            if (b < 0) {
                throw new EOFException("the tar stream ends inside an entry");
            }
            remaining--;
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (length == 0) {
                return 0;
            }
            if (remaining == 0) {
                return -1;
            }
            int n = in.read(buffer, offset, (int) Math.min(length, remaining));
            if (n < 0) {
                throw new EOFException("the tar stream ends inside an entry");
            }
            remaining -= n;
            return n;
        }
    }
}
