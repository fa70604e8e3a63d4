package dev.hooklane.contracts.wire;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;

/**
 * Builds a record in the platform's binary wire form: zig-zag varints, length-prefixed UTF-8
 * strings and instants as seconds and nanoseconds. Read back with {@link WireReader}.
 */
public final class WireWriter {

    private byte[] buffer;
    private int size;

    public WireWriter(int capacity) {
        this.buffer = new byte[Math.max(16, capacity)];
    }

    public WireWriter writeByte(int value) {
        ensure(1);
        buffer[size++] = (byte) value;
        return this;
    }

    public WireWriter writeVarint(int value) {
        return writeVarlong(value);
    }

    public WireWriter writeVarlong(long value) {
        ensure(10);
        long zigzag = (value << 1) ^ (value >> 63);
        while ((zigzag & ~0x7FL) != 0) {
            buffer[size++] = (byte) ((zigzag & 0x7F) | 0x80);
            zigzag >>>= 7;
        }
        buffer[size++] = (byte) zigzag;
        return this;
    }

    public WireWriter writeString(String value) {
        return writeSized(value.getBytes(StandardCharsets.UTF_8));
    }

    /** A varint length, then {@code value}. */
    public WireWriter writeSized(byte[] value) {
        writeVarint(value.length);
        return writeRaw(value);
    }

    /** {@code value} as it is, without a length. */
    public WireWriter writeRaw(byte[] value) {
        ensure(value.length);
        System.arraycopy(value, 0, buffer, size, value.length);
        size += value.length;
        return this;
    }

    public WireWriter writeInstant(Instant value) {
        writeVarlong(value.getEpochSecond());
        return writeVarint(value.getNano());
    }

    public int size() {
        return size;
    }

    public byte[] toByteArray() {
        return Arrays.copyOf(buffer, size);
    }

    /** Copies what was written into {@code target} at {@code offset}. */
    public void copyTo(byte[] target, int offset) {
        System.arraycopy(buffer, 0, target, offset, size);
    }

    /** Bytes a varint of {@code value} takes. */
    public static int sizeOfVarint(int value) {
        long zigzag = ((long) value << 1) ^ ((long) value >> 63);
        int bytes = 1;
        while ((zigzag & ~0x7FL) != 0) {
            bytes++;
            zigzag >>>= 7;
        }
        return bytes;
    }

    private void ensure(int more) {
        if (size + more > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, size + more));
        }
    }
}
