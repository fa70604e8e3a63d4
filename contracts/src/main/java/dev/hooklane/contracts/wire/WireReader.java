package dev.hooklane.contracts.wire;

import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.Arrays;
import org.apache.kafka.common.errors.SerializationException;

/**
 * Reads what a {@link WireWriter} wrote. Every read checks the bounds: a truncated or corrupt
 * record fails with a {@link SerializationException}, never with an index error.
 */
public final class WireReader {

    private final byte[] bytes;
    private final int limit;
    private int position;

    public WireReader(byte[] bytes, int offset, int limit) {
        if (offset < 0 || limit > bytes.length || offset > limit) {
            throw new SerializationException("bad bounds " + offset + ".." + limit + " of " + bytes.length + " bytes");
        }
        this.bytes = bytes;
        this.position = offset;
        this.limit = limit;
    }

    public int readByte() {
        need(1);
        return bytes[position++] & 0xFF;
    }

    public int readVarint() {
        long value = readVarlong();
        if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
            throw new SerializationException("varint out of range: " + value);
        }
        return (int) value;
    }

    public long readVarlong() {
        long zigzag = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            int b = readByte();
            zigzag |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return (zigzag >>> 1) ^ -(zigzag & 1);
            }
        }
        throw new SerializationException("varint longer than 10 bytes");
    }

    public String readString() {
        int length = readLength();
        String value = new String(bytes, position, length, StandardCharsets.UTF_8);
        position += length;
        return value;
    }

    public byte[] readSized() {
        int length = readLength();
        byte[] value = Arrays.copyOfRange(bytes, position, position + length);
        position += length;
        return value;
    }

    public Instant readInstant() {
        long seconds = readVarlong();
        int nanos = readVarint();
        try {
            return Instant.ofEpochSecond(seconds, nanos);
        } catch (DateTimeException e) {
            throw new SerializationException("bad instant: " + e.getMessage());
        }
    }

    /** What is left, copied. */
    public byte[] readRemaining() {
        byte[] rest = Arrays.copyOfRange(bytes, position, limit);
        position = limit;
        return rest;
    }

    /** Skips to {@code offset}, past fields a newer writer added that this reader does not know. */
    public void skipTo(int offset) {
        if (offset < position || offset > limit) {
            throw new SerializationException("cannot skip to " + offset + " from " + position);
        }
        position = offset;
    }

    public int position() {
        return position;
    }

    public boolean hasRemaining() {
        return position < limit;
    }

    private int readLength() {
        int length = readVarint();
        if (length < 0) {
            throw new SerializationException("negative length " + length);
        }
        need(length);
        return length;
    }

    private void need(int count) {
        if (limit - position < count) {
            throw new SerializationException("record truncated: " + count + " more bytes needed at " + position + " of " + limit);
        }
    }
}
