package io.backline.core.storage;

import io.backline.core.spi.BlobInfo;
import io.backline.core.spi.BlobWriter;
import io.backline.core.spi.Storage;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * A {@link Storage} for tests that fails, cuts, truncates or corrupts chosen calls of the storage it wraps, and keeps a
 * journal of every call.
 *
 * <pre>{@code
 * FaultyStorage faulty = FaultyStorage.wrap(InMemoryStorage.create());
 * Fault f = faulty.on(Op.COMMIT).keys(keyEndsWith(".manifest.json")).nth(2).fail(); // the COMPLETED manifest
 * faulty.on(Op.WRITE).keys(keyEndsWith(".tar.zst")).cutAfter(70_000);              // the artifact stream breaks
 * faulty.on(Op.GET).keys(keyEndsWith(".tar.zst")).corruptAt(100);                  // bit rot on read
 * ... run the code under test ...
 * assertThat(f.triggered()).isEqualTo(1);                                            // the fault really happened
 * }</pre>
 *
 * <p>Counting: each fault counts the calls of its operation whose key matches its predicate (for {@link Op#LIST}, the
 * prefix) and acts on the {@code nth}, on every call {@code from} the nth, or (default) on every call. Which calls
 * are which:
 * <ul>
 *   <li>{@link Op#PUT} is the {@code put} call; a put is then carried out as create, write and commit of this
 *       storage, so CREATE, WRITE and COMMIT faults apply to it too. "The nth COMMIT" thus enumerates every moment a
 *       blob would become visible by replace, whichever way it is written — convenient for "fail at each step of the
 *       write order" loops. {@link Op#PUT_IF_ABSENT} stands alone.</li>
 *   <li>{@link Op#WRITE} counts writers (one per create or put), and its byte faults act on that writer's stream;
 *       {@link Op#GET} counts {@code get}, ranged {@code get} and {@code readAll} calls, and its byte faults use
 *       positions in the blob (so a ranged read from offset 100 sees a corruption at 150 as its 51st byte).</li>
 * </ul>
 * Byte faults: {@code cutAfter(n)} lets n bytes through and then throws {@link InjectedFault} (a broken connection or
 * a full disk), {@code truncateAt(n)} silently drops everything from byte n (a short write or a short object),
 * {@code corruptAt(n)} flips the bits of byte n. {@code fail()} throws before the call reaches the wrapped storage;
 * {@code failAfterEffect()} lets the call complete and then throws (an ambiguous timeout). Thread safe; it does not
 * simulate a process crash (a writer whose commit fails is still aborted by its close).
 */
public final class FaultyStorage extends ForwardingStorage {

    /** The operations faults can be attached to. */
    public enum Op { CREATE, WRITE, COMMIT, PUT, PUT_IF_ABSENT, GET, STAT, LIST, DELETE }

    private final List<Fault> faults = new ArrayList<>();
    private final List<String> journal = Collections.synchronizedList(new ArrayList<>());

    private FaultyStorage(Storage delegate) {
        super(delegate);
    }

    /** A faulty view of {@code delegate}, without faults until some are added. */
    public static FaultyStorage wrap(Storage delegate) {
        return new FaultyStorage(delegate);
    }

    /** Matches every key. */
    public static Predicate<String> anyKey() {
        return key -> true;
    }

    /** Matches keys ending with {@code suffix}, e.g. {@code ".manifest.json"}. */
    public static Predicate<String> keyEndsWith(String suffix) {
        return key -> key.endsWith(suffix);
    }

    /** Matches keys starting with {@code prefix}. */
    public static Predicate<String> keyStartsWith(String prefix) {
        return key -> key.startsWith(prefix);
    }

    /** Starts describing a fault of {@code op}. */
    public FaultSpec on(Op op) {
        return new FaultSpec(Objects.requireNonNull(op, "op"));
    }

    /** Removes every fault; the journal is kept. */
    public void heal() {
        synchronized (faults) {
            faults.clear();
        }
    }

    /**
     * Every call so far, in order, as {@code "<op> <key>"}: {@code create k}, {@code commit k}, {@code abort k} (a
     * writer closed without commit), {@code put k}, {@code putIfAbsent k}, {@code get k}, {@code get k[offset+length]},
     * {@code stat k}, {@code list prefix}, {@code delete k}. An entry whose call got a fault ends with {@code " !"}; a
     * byte fault adds an entry when it acts: {@code cut k@2500 !}, {@code truncate k@4 !}, {@code corrupt k@5 !}.
     * The writes inside a {@code put} are not journaled separately.
     */
    public List<String> journal() {
        synchronized (journal) {
            return List.copyOf(journal);
        }
    }

    /** Forgets the journal. */
    public void clearJournal() {
        journal.clear();
    }

    // ---- Storage ------------------------------------------------------------------------------------------------

    @Override
    public BlobWriter create(String key) throws IOException {
        return openWriter(key, true);
    }

    @Override
    public void put(String key, byte[] content) throws IOException {
        Objects.requireNonNull(content, "content");
        Hit hit = hit(Op.PUT, key);
        record("put " + key, hit);
        hit.throwIfBefore();
        try (FaultyWriter writer = openWriter(key, false)) {
            writer.write(content);
            writer.commit();
        }
        hit.throwIfAfter();
    }

    @Override
    public void putIfAbsent(String key, byte[] content) throws IOException {
        Hit hit = hit(Op.PUT_IF_ABSENT, key);
        record("putIfAbsent " + key, hit);
        hit.throwIfBefore();
        super.putIfAbsent(key, content);
        hit.throwIfAfter();
    }

    @Override
    public InputStream get(String key) throws IOException {
        Hit hit = hit(Op.GET, key);
        record("get " + key, hit);
        hit.throwIfBefore();
        return new FaultyInputStream(super.get(key), 0, hit);
    }

    @Override
    public InputStream get(String key, long offset, long length) throws IOException {
        Hit hit = hit(Op.GET, key);
        record("get " + key + "[" + offset + "+" + length + "]", hit);
        hit.throwIfBefore();
        return new FaultyInputStream(super.get(key, offset, length), offset, hit);
    }

    @Override
    public byte[] readAll(String key) throws IOException {
        try (InputStream in = get(key)) {
            return in.readAllBytes();
        }
    }

    @Override
    public Optional<BlobInfo> stat(String key) throws IOException {
        Hit hit = hit(Op.STAT, key);
        record("stat " + key, hit);
        hit.throwIfBefore();
        return super.stat(key);
    }

    @Override
    public List<BlobInfo> list(String prefix) throws IOException {
        Hit hit = hit(Op.LIST, prefix);
        record("list " + prefix, hit);
        hit.throwIfBefore();
        return super.list(prefix);
    }

    @Override
    public boolean delete(String key) throws IOException {
        Hit hit = hit(Op.DELETE, key);
        record("delete " + key, hit);
        hit.throwIfBefore();
        boolean deleted = super.delete(key);
        hit.throwIfAfter();
        return deleted;
    }

    @Override
    public String describe() {
        return "faulty " + super.describe();
    }

    // ---- machinery ----------------------------------------------------------------------------------------------

    private FaultyWriter openWriter(String key, boolean journaled) throws IOException {
        Hit created = hit(Op.CREATE, key);
        if (journaled) {
            record("create " + key, created);
        }
        created.throwIfBefore();
        Hit writing = hit(Op.WRITE, key);
        return new FaultyWriter(key, delegate().create(key), writing, journaled);
    }

    private void record(String entry, Hit hit) {
        journal.add(hit.faults.isEmpty() ? entry : entry + " !");
    }

    /** Counts the call against every matching fault and returns those that act on it. */
    private Hit hit(Op op, String key) {
        List<Fault> acting = new ArrayList<>();
        synchronized (faults) {
            for (Fault fault : faults) {
                if (fault.op == op && key != null && fault.keys.test(key) && fault.count()) {
                    acting.add(fault);
                }
            }
        }
        return new Hit(op, key, acting);
    }

    private enum Action { FAIL, FAIL_AFTER_EFFECT, CUT, TRUNCATE, CORRUPT }

    /** Thrown where a fault was injected; tests can tell it from real failures. */
    public static final class InjectedFault extends IOException {
        InjectedFault(String message) {
            super(message);
        }
    }

    /** A fault in the making: choose keys and which calls, then what happens. */
    public final class FaultSpec {
        private final Op op;
        private Predicate<String> keys = anyKey();
        private long from = 1;
        private long to = Long.MAX_VALUE;

        private FaultSpec(Op op) {
            this.op = op;
        }

        /** Only calls whose key matches count (default: every key). */
        public FaultSpec keys(Predicate<String> keys) {
            this.keys = Objects.requireNonNull(keys, "keys");
            return this;
        }

        /** Acts on the nth matching call only (1-based). */
        public FaultSpec nth(long n) {
            requirePositive(n);
            from = n;
            to = n;
            return this;
        }

        /** Acts on the nth matching call and every later one. */
        public FaultSpec from(long n) {
            requirePositive(n);
            from = n;
            to = Long.MAX_VALUE;
            return this;
        }

        /** The call throws {@link InjectedFault} before reaching the wrapped storage (for WRITE: at the first byte). */
        public Fault fail() {
            return op == Op.WRITE ? add(Action.CUT, 0) : add(Action.FAIL, 0);
        }

        /** The call completes on the wrapped storage and then throws (COMMIT, PUT, PUT_IF_ABSENT, DELETE). */
        public Fault failAfterEffect() {
            if (op != Op.COMMIT && op != Op.PUT && op != Op.PUT_IF_ABSENT && op != Op.DELETE) {
                throw new IllegalArgumentException("failAfterEffect needs COMMIT, PUT, PUT_IF_ABSENT or DELETE, not " + op);
            }
            return add(Action.FAIL_AFTER_EFFECT, 0);
        }

        /** The stream (WRITE or GET) passes {@code bytes} bytes and then throws {@link InjectedFault}. */
        public Fault cutAfter(long bytes) {
            return add(requireStream(Action.CUT), bytes);
        }

        /** The stream (WRITE or GET) silently ends at blob position {@code position}. */
        public Fault truncateAt(long position) {
            return add(requireStream(Action.TRUNCATE), position);
        }

        /** The byte at blob position {@code position} is inverted in the stream (WRITE or GET). */
        public Fault corruptAt(long position) {
            return add(requireStream(Action.CORRUPT), position);
        }

        private Action requireStream(Action action) {
            if (op != Op.WRITE && op != Op.GET) {
                throw new IllegalArgumentException(action + " needs WRITE or GET, not " + op);
            }
            return action;
        }

        private Fault add(Action action, long position) {
            if (position < 0) {
                throw new IllegalArgumentException("position needs to be >= 0, not " + position);
            }
            Fault fault = new Fault(op, keys, from, to, action, position);
            synchronized (faults) {
                faults.add(fault);
            }
            return fault;
        }

        private void requirePositive(long n) {
            if (n < 1) {
                throw new IllegalArgumentException("n needs to be >= 1, not " + n);
            }
        }
    }

    /** An installed fault: tells how often it acted and can be removed. */
    public final class Fault {
        private final Op op;
        private final Predicate<String> keys;
        private final long from;
        private final long to;
        private final Action action;
        private final long position;
        private long calls;
        private int triggered;

        private Fault(Op op, Predicate<String> keys, long from, long to, Action action, long position) {
            this.op = op;
            this.keys = keys;
            this.from = from;
            this.to = to;
            this.action = action;
            this.position = position;
        }

        /** Counts a matching call (under the faults lock) and says whether this fault acts on it. */
        private boolean count() {
            calls++;
            return calls >= from && calls <= to;
        }

        private void fired() {
            synchronized (faults) {
                triggered++;
            }
        }

        /** How many times the fault was actually injected (thrown, cut, truncated or corrupted). */
        public int triggered() {
            synchronized (faults) {
                return triggered;
            }
        }

        /** Uninstalls the fault. */
        public void remove() {
            synchronized (faults) {
                faults.remove(this);
            }
        }

        @Override
        public String toString() {
            String which = from == to ? "#" + from : to == Long.MAX_VALUE ? "from #" + from : "#" + from + "-" + to;
            return action + (action.ordinal() >= Action.CUT.ordinal() ? "@" + position : "") + " on " + op + " " + which;
        }
    }

    /** The faults acting on one call. */
    private final class Hit {
        private final Op op;
        private final String key;
        private final List<Fault> faults;

        Hit(Op op, String key, List<Fault> faults) {
            this.op = op;
            this.key = key;
            this.faults = faults;
        }

        void throwIfBefore() throws InjectedFault {
            throwFor(Action.FAIL, "");
        }

        void throwIfAfter() throws InjectedFault {
            throwFor(Action.FAIL_AFTER_EFFECT, " after it took effect");
        }

        private void throwFor(Action action, String when) throws InjectedFault {
            for (Fault fault : faults) {
                if (fault.action == action) {
                    fault.fired();
                    throw new InjectedFault("injected fault: " + op + " of '" + key + "' failed" + when + " (" + fault + ")");
                }
            }
        }

        /** The smallest position of the byte faults of {@code action}, or -1. */
        long position(Action action) {
            long found = -1;
            for (Fault fault : faults) {
                if (fault.action == action && (found < 0 || fault.position < found)) {
                    found = fault.position;
                }
            }
            return found;
        }

        void fire(Action action, long position) {
            for (Fault fault : faults) {
                if (fault.action == action && fault.position == position) {
                    fault.fired();
                    journal.add(action.name().toLowerCase(java.util.Locale.ROOT) + " " + key + "@" + position + " !");
                    return;
                }
            }
        }

        InjectedFault cut(long position) {
            fire(Action.CUT, position);
            return new InjectedFault("injected fault: " + op + " stream of '" + key + "' cut after " + position + " bytes");
        }
    }

    /** Applies byte faults to a writer's stream. */
    private final class FaultyWriter extends BlobWriter {
        private final String key;
        private final BlobWriter out;
        private final Hit hit;
        private final boolean journaled;
        private final long cutAt;
        private final long truncateAt;
        private final long corruptAt;
        private long position;
        private boolean committed;
        private boolean closed;

        FaultyWriter(String key, BlobWriter out, Hit hit, boolean journaled) {
            this.key = key;
            this.out = out;
            this.hit = hit;
            this.journaled = journaled;
            this.cutAt = hit.position(Action.CUT);
            this.truncateAt = hit.position(Action.TRUNCATE);
            this.corruptAt = hit.position(Action.CORRUPT);
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            Objects.checkFromIndexSize(off, len, b.length);
            if (cutAt >= 0 && position + len > cutAt) {
                int allowed = (int) Math.max(0, cutAt - position);
                pass(b, off, allowed);
                throw hit.cut(cutAt);
            }
            pass(b, off, len);
        }

        private void pass(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return;
            }
            int kept = len;
            if (truncateAt >= 0 && position + len > truncateAt) {
                kept = (int) Math.max(0, truncateAt - position);
                if (position <= truncateAt && truncateAt < position + len) {
                    hit.fire(Action.TRUNCATE, truncateAt);
                }
            }
            byte[] chunk = b;
            int chunkOff = off;
            if (corruptAt >= position && corruptAt < position + kept) {
                chunk = Arrays.copyOfRange(b, off, off + kept);
                chunkOff = 0;
                chunk[(int) (corruptAt - position)] ^= (byte) 0xff;
                hit.fire(Action.CORRUPT, corruptAt);
            }
            out.write(chunk, chunkOff, kept);
            position += len;
        }

        @Override
        public void flush() throws IOException {
            out.flush();
        }

        @Override
        public long bytesWritten() {
            return position;
        }

        @Override
        public void commit() throws IOException {
            Hit commit = hit(Op.COMMIT, key);
            if (journaled) {
                record("commit " + key, commit);
            }
            commit.throwIfBefore();
            out.commit();
            committed = true;
            commit.throwIfAfter();
        }

        @Override
        public void close() throws IOException {
            if (!closed && !committed && journaled) {
                journal.add("abort " + key);
            }
            closed = true;
            out.close();
        }
    }

    /** Applies byte faults to a read stream that starts at blob position {@code start}. */
    private final class FaultyInputStream extends FilterInputStream {
        private final Hit hit;
        private final long cutAt;
        private final long truncateAt;
        private final long corruptAt;
        private long position;
        private boolean truncated;

        FaultyInputStream(InputStream in, long start, Hit hit) {
            super(in);
            this.hit = hit;
            this.position = start;
            this.cutAt = hit.position(Action.CUT);
            this.truncateAt = hit.position(Action.TRUNCATE);
            this.corruptAt = hit.position(Action.CORRUPT);
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            Objects.checkFromIndexSize(off, len, b.length);
            if (len == 0) {
                return 0;
            }
            long limit = Long.MAX_VALUE;
            if (cutAt >= 0) {
                if (position >= cutAt) {
                    throw hit.cut(cutAt);
                }
                limit = cutAt - position;
            }
            if (truncateAt >= 0) {
                if (position >= truncateAt) {
                    if (!truncated) {
                        truncated = true;
                        hit.fire(Action.TRUNCATE, truncateAt);
                    }
                    return -1;
                }
                limit = Math.min(limit, truncateAt - position);
            }
            int n = in.read(b, off, (int) Math.min(len, limit));
            if (n > 0) {
                if (corruptAt >= position && corruptAt < position + n) {
                    b[off + (int) (corruptAt - position)] ^= (byte) 0xff;
                    hit.fire(Action.CORRUPT, corruptAt);
                }
                position += n;
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            byte[] buffer = new byte[8192];
            long skipped = 0;
            while (skipped < n) {
                int r = read(buffer, 0, (int) Math.min(buffer.length, n - skipped));
                if (r < 0) {
                    break;
                }
                skipped += r;
            }
            return skipped;
        }

        @Override
        public int available() {
            return 0;
        }

        @Override
        public boolean markSupported() {
            return false;
        }
    }
}
