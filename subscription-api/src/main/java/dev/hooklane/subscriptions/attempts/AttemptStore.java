package dev.hooklane.subscriptions.attempts;

import dev.hooklane.contracts.delivery.AttemptCodec;
import dev.hooklane.contracts.delivery.AttemptRecord;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.apache.kafka.common.errors.SerializationException;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ColumnFamilyOptions;
import org.rocksdb.CompressionType;
import org.rocksdb.DBOptions;
import org.rocksdb.FlushOptions;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteOptions;

/**
 * The attempts topic indexed on local disk (RocksDB), so that the history of a subscription or an
 * event reads as a range of keys, newest first, however much of it there is.
 *
 * <p>Every key ends with the attempt's place: its time and its record's partition and offset in the
 * attempts topic ({@link Position}). Those come from the topic, not from this store, so every API
 * instance that indexed the same topic holds the same keys in the same order, and a page cursor
 * (a position) means the same on each. Attempts live in one column family per day of attempt time,
 * so that forgetting a day drops its column family whole instead of deleting key by key:
 * <pre>
 *   day column family:
 *     'S' subscriptionId 0x00 position        the attempt's bytes, as the topic holds them
 *     'E' tenant 0x00 eventId 0x00 position   0x01 subscriptionId (the attempt is under its S key),
 *                                             or 0x00 and the attempt's bytes (no subscription)
 *   default column family:
 *     'P' partition                           the next offset to index, written in the same batch
 * </pre>
 * A position is {@code (Long.MAX_VALUE - time in ns, partition, Long.MAX_VALUE - offset)}, big-endian:
 * ascending keys are newest first. Ids hold no control characters (the edges refuse them), so
 * 0x00 ends an id; a record written around the edges is checked against the query all the same.
 */
public final class AttemptStore implements AutoCloseable {

    static {
        RocksDB.loadLibrary();
    }

    private static final byte SUBSCRIPTION = 'S';
    private static final byte EVENT = 'E';
    private static final byte PARTITION = 'P';
    private static final byte INLINE = 0;
    private static final byte UNDER_SUBSCRIPTION = 1;
    private static final String DAY_FAMILY = "day-";
    private static final long DAY_NANOS = Duration.ofDays(1).toNanos();

    /** Where an attempt stands in newest-first order, the same on every instance. */
    public record Position(long attemptedAtNanos, int partition, long offset) {
        static final int BYTES = 20;

        byte[] bytes() {
            return ByteBuffer.allocate(BYTES).putLong(Long.MAX_VALUE - attemptedAtNanos).putInt(partition).putLong(Long.MAX_VALUE - offset).array();
        }

        static Position of(byte[] bytes, int from) {
            ByteBuffer buffer = ByteBuffer.wrap(bytes, from, BYTES);
            return new Position(Long.MAX_VALUE - buffer.getLong(), buffer.getInt(), Long.MAX_VALUE - buffer.getLong());
        }

        public static Position of(Instant attemptedAt, int partition, long offset) {
            return new Position(nanos(attemptedAt), partition, offset);
        }

        long day() {
            return Math.floorDiv(attemptedAtNanos, DAY_NANOS);
        }
    }

    /** One page, newest first; {@code next} is where the following page starts, when there is one. */
    public record Page(List<AttemptRecord> attempts, Optional<Position> next) {
    }

    private final DBOptions options;
    private final ColumnFamilyOptions familyOptions;
    private final WriteOptions writeOptions = new WriteOptions();
    private final RocksDB db;
    private final ColumnFamilyHandle defaultFamily;
    /** Day number to its column family; changed only under the write lock. */
    private final NavigableMap<Long, ColumnFamilyHandle> days = new TreeMap<>();
    // Readers and writers share it; creating or dropping a day, and closing, take it alone.
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private boolean closed;

    public AttemptStore(Path directory) {
        this.options = new DBOptions().setCreateIfMissing(true).setCreateMissingColumnFamilies(true);
        this.familyOptions = new ColumnFamilyOptions().setCompressionType(CompressionType.LZ4_COMPRESSION)
                .setBottommostCompressionType(CompressionType.ZSTD_COMPRESSION);
        try {
            List<byte[]> names = new ArrayList<>();
            try (Options listing = new Options()) {
                names.addAll(RocksDB.listColumnFamilies(listing, directory.toString()));
            }
            if (names.isEmpty()) {
                names.add(RocksDB.DEFAULT_COLUMN_FAMILY);
            }
            List<ColumnFamilyDescriptor> descriptors = names.stream().map(name -> new ColumnFamilyDescriptor(name, familyOptions)).toList();
            List<ColumnFamilyHandle> handles = new ArrayList<>();
            this.db = RocksDB.open(options, directory.toString(), descriptors, handles);
            ColumnFamilyHandle found = null;
            for (ColumnFamilyHandle handle : handles) {
                String name = new String(handle.getName(), StandardCharsets.UTF_8);
                if (name.startsWith(DAY_FAMILY)) {
                    days.put(Long.parseLong(name.substring(DAY_FAMILY.length())), handle);
                } else {
                    found = handle;
                }
            }
            this.defaultFamily = found;
        } catch (RocksDBException e) {
            familyOptions.close();
            options.close();
            throw new IllegalStateException("cannot open the attempt history in " + directory + ": " + e.getMessage()
                    + " (is another API instance using the same directory?)", e);
        }
    }

    /**
     * Indexes the attempt at {@code offset} of {@code partition} and records that the partition is
     * read up to it, in one atomic write. An attempt from before {@code notBefore} only moves the
     * partition on.
     *
     * @throws SerializationException when the bytes are no attempt record (the partition moves on all the same)
     */
    public void add(int partition, long offset, byte[] value, Instant notBefore) {
        AttemptRecord attempt;
        try {
            attempt = AttemptCodec.decode(value);
        } catch (SerializationException e) {
            whileOpen(() -> write(partition, offset, null, null, value));
            throw e;
        }
        Position position = Position.of(attempt.attemptedAt(), partition, offset);
        if (attempt.attemptedAt().isBefore(notBefore)) {
            whileOpen(() -> write(partition, offset, null, null, value));
            return;
        }
        ColumnFamilyHandle day = whileOpen(() -> days.get(position.day()));
        if (day == null) {
            day = createDay(position.day());
        }
        ColumnFamilyHandle family = day;
        whileOpen(() -> write(partition, offset, family, attempt, value));
    }

    private Void write(int partition, long offset, ColumnFamilyHandle day, AttemptRecord attempt, byte[] value) {
        try (WriteBatch batch = new WriteBatch()) {
            batch.put(defaultFamily, partitionKey(partition), ByteBuffer.allocate(8).putLong(offset + 1).array());
            if (attempt != null) {
                Position position = Position.of(attempt.attemptedAt(), partition, offset);
                byte[] eventKey = key(EVENT, position, attempt.tenant(), attempt.eventId());
                if (attempt.subscriptionId().isPresent()) {
                    String subscriptionId = attempt.subscriptionId().get();
                    batch.put(day, key(SUBSCRIPTION, position, subscriptionId), value);
                    batch.put(day, eventKey, tagged(UNDER_SUBSCRIPTION, subscriptionId.getBytes(StandardCharsets.UTF_8)));
                } else {
                    batch.put(day, eventKey, tagged(INLINE, value));
                }
            }
            db.write(writeOptions, batch);
            return null;
        } catch (RocksDBException e) {
            throw new IllegalStateException("cannot write the attempt history: " + e.getMessage(), e);
        }
    }

    private ColumnFamilyHandle createDay(long day) {
        lock.writeLock().lock();
        try {
            ensureOpen();
            ColumnFamilyHandle existing = days.get(day);
            if (existing != null) {
                return existing;
            }
            ColumnFamilyHandle created = db.createColumnFamily(new ColumnFamilyDescriptor((DAY_FAMILY + day).getBytes(StandardCharsets.UTF_8),
                    familyOptions));
            days.put(day, created);
            return created;
        } catch (RocksDBException e) {
            throw new IllegalStateException("cannot add a day to the attempt history: " + e.getMessage(), e);
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** The next offset to index per partition, as far as this store got. */
    public Map<Integer, Long> positions() {
        return whileOpen(() -> {
            Map<Integer, Long> positions = new HashMap<>();
            try (RocksIterator it = db.newIterator(defaultFamily)) {
                for (it.seek(new byte[] {PARTITION}); it.isValid() && it.key()[0] == PARTITION; it.next()) {
                    positions.put(ByteBuffer.wrap(it.key(), 1, 4).getInt(), ByteBuffer.wrap(it.value()).getLong());
                }
            }
            return positions;
        });
    }

    /** Attempts of one subscription, newest first, after {@code after}, none from before {@code notBefore}. */
    public Page ofSubscription(String subscriptionId, Optional<Position> after, int limit, Instant notBefore) {
        return page(prefix(SUBSCRIPTION, subscriptionId), after, limit, notBefore,
                attempt -> attempt.subscriptionId().filter(subscriptionId::equals).isPresent());
    }

    /** Attempts of one event of one tenant over all its subscriptions, newest first. */
    public Page ofEvent(String tenant, String eventId, Optional<Position> after, int limit, Instant notBefore) {
        return page(prefix(EVENT, tenant, eventId), after, limit, notBefore,
                attempt -> attempt.tenant().equals(tenant) && attempt.eventId().equals(eventId));
    }

    private Page page(byte[] prefix, Optional<Position> after, int limit, Instant notBefore, Predicate<AttemptRecord> exact) {
        return whileOpen(() -> {
            List<AttemptRecord> attempts = new ArrayList<>();
            Position last = null;
            long firstDay = Math.floorDiv(nanos(notBefore), DAY_NANOS);
            NavigableMap<Long, ColumnFamilyHandle> newestFirst = after.map(position -> days.headMap(position.day(), true)).orElse(days)
                    .tailMap(firstDay, true).descendingMap();
            for (ColumnFamilyHandle day : newestFirst.values()) {
                try (RocksIterator it = db.newIterator(day)) {
                    byte[] from = after.map(position -> concat(prefix, position.bytes())).orElse(prefix);
                    for (it.seek(from); it.isValid() && startsWith(it.key(), prefix); it.next()) {
                        byte[] key = it.key();
                        if (key.length != prefix.length + Position.BYTES || after.isPresent() && Arrays.equals(key, from)) {
                            continue;
                        }
                        Position position = Position.of(key, prefix.length);
                        if (position.attemptedAtNanos() < nanos(notBefore)) {
                            break;
                        }
                        Optional<AttemptRecord> attempt = attempt(day, key, prefix.length, it.value()).filter(exact);
                        if (attempt.isEmpty()) {
                            continue;
                        }
                        if (attempts.size() == limit) {
                            return new Page(attempts, Optional.of(last));
                        }
                        attempts.add(attempt.get());
                        last = position;
                    }
                }
            }
            return new Page(attempts, Optional.empty());
        });
    }

    /** The attempt a key holds, or the one its event entry points to; empty when that is gone. */
    private Optional<AttemptRecord> attempt(ColumnFamilyHandle day, byte[] key, int prefixLength, byte[] value) {
        if (key[0] == SUBSCRIPTION) {
            return Optional.of(AttemptCodec.decode(value));
        }
        byte[] rest = Arrays.copyOfRange(value, 1, value.length);
        if (value[0] == INLINE) {
            return Optional.of(AttemptCodec.decode(rest));
        }
        try {
            byte[] attempt = db.get(day, key(SUBSCRIPTION, Position.of(key, prefixLength), new String(rest, StandardCharsets.UTF_8)));
            return attempt == null ? Optional.empty() : Optional.of(AttemptCodec.decode(attempt));
        } catch (RocksDBException e) {
            throw new IllegalStateException("cannot read the attempt history: " + e.getMessage(), e);
        }
    }

    /** The tenant of a subscription's newest known attempt, for subscriptions deleted since. */
    public Optional<String> tenantOfSubscription(String subscriptionId, Instant notBefore) {
        return ofSubscription(subscriptionId, Optional.empty(), 1, notBefore).attempts().stream().findFirst().map(AttemptRecord::tenant);
    }

    /**
     * Forgets the days that ended at or before {@code cutoff}; the attempts of the day {@code cutoff}
     * falls in stay until that day has passed too (queries leave them out).
     *
     * @return how many days were forgotten
     */
    public int expireBefore(Instant cutoff) {
        long firstKept = Math.floorDiv(nanos(cutoff), DAY_NANOS);
        lock.writeLock().lock();
        try {
            ensureOpen();
            NavigableMap<Long, ColumnFamilyHandle> expired = days.headMap(firstKept, false);
            int forgotten = expired.size();
            for (ColumnFamilyHandle day : List.copyOf(expired.values())) {
                db.dropColumnFamily(day);
                day.close();
            }
            expired.clear();
            return forgotten;
        } catch (RocksDBException e) {
            throw new IllegalStateException("cannot forget expired attempts: " + e.getMessage(), e);
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Flushes and compacts every day, as they would be after a while of steady writing; for measurements. */
    public void compact() {
        whileOpen(() -> {
            try (FlushOptions flush = new FlushOptions().setWaitForFlush(true)) {
                for (ColumnFamilyHandle day : days.values()) {
                    db.flush(flush, day);
                    db.compactRange(day);
                }
                return null;
            } catch (RocksDBException e) {
                throw new IllegalStateException("cannot compact the attempt history: " + e.getMessage(), e);
            }
        });
    }

    private <T> T whileOpen(Supplier<T> operation) {
        lock.readLock().lock();
        try {
            ensureOpen();
            return operation.get();
        } finally {
            lock.readLock().unlock();
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("the attempt history is closed");
        }
    }

    @Override
    public void close() {
        lock.writeLock().lock();
        try {
            if (!closed) {
                closed = true;
                days.values().forEach(ColumnFamilyHandle::close);
                defaultFamily.close();
                db.close();
                writeOptions.close();
                familyOptions.close();
                options.close();
            }
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Nanoseconds since the epoch, saturated (a long holds 1678 to 2262). */
    private static long nanos(Instant time) {
        try {
            return Math.addExact(Math.multiplyExact(time.getEpochSecond(), 1_000_000_000L), time.getNano());
        } catch (ArithmeticException e) {
            return time.getEpochSecond() < 0 ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
    }

    private static byte[] partitionKey(int partition) {
        return ByteBuffer.allocate(5).put(PARTITION).putInt(partition).array();
    }

    private static byte[] tagged(byte tag, byte[] bytes) {
        byte[] tagged = new byte[bytes.length + 1];
        tagged[0] = tag;
        System.arraycopy(bytes, 0, tagged, 1, bytes.length);
        return tagged;
    }

    private static byte[] key(byte kind, Position position, String... ids) {
        return concat(prefix(kind, ids), position.bytes());
    }

    private static byte[] prefix(byte kind, String... ids) {
        ByteBuffer buffer = ByteBuffer.allocate(1 + Arrays.stream(ids).mapToInt(id -> 4 * id.length() + 1).sum()).put(kind);
        for (String id : ids) {
            buffer.put(id.getBytes(StandardCharsets.UTF_8)).put((byte) 0);
        }
        return Arrays.copyOf(buffer.array(), buffer.position());
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] both = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }

    private static boolean startsWith(byte[] key, byte[] prefix) {
        return key.length >= prefix.length && Arrays.equals(key, 0, prefix.length, prefix, 0, prefix.length);
    }
}
