package dev.hooklane.delivery.consumer;

import java.util.Arrays;
import java.util.BitSet;

/**
 * Resolved offsets of one partition in a window of {@code size} offsets from a base (the
 * partition's committable offset), one bit each in a ring, without boxing. Offsets outside the
 * window are not kept: a commit's metadata could not name them anyway. A bit is set only for an
 * offset inside the current window; moving the window clears the offsets it leaves.
 */
final class ResolvedWindow {

    private final int size;
    private final long[] words;
    private final int capacity;
    /** The lowest offset the window holds; {@code -1} until it is first placed. */
    private long base = -1;

    ResolvedWindow(int size) {
        this.size = size;
        this.words = new long[(size + 63) / 64];
        this.capacity = words.length * 64;
    }

    /** @return whether {@code offset} is in the window and was not held yet */
    boolean add(long offset) {
        if (!inWindow(offset)) {
            return false;
        }
        int bit = position(offset);
        long word = words[bit >>> 6];
        words[bit >>> 6] = word | (1L << bit);
        return (word & (1L << bit)) == 0;
    }

    boolean contains(long offset) {
        if (!inWindow(offset)) {
            return false;
        }
        int bit = position(offset);
        return (words[bit >>> 6] & (1L << bit)) != 0;
    }

    /**
     * Starts the window at {@code newBase}: offsets below it are forgotten. Moving it back, which a
     * consumer reading in order never does, keeps the offsets that still fit.
     */
    void moveTo(long newBase) {
        if (newBase == base) {
            return;
        }
        if (base < 0 || newBase - base >= size) {
            Arrays.fill(words, 0L);
        } else if (newBase > base) {
            for (long offset = base; offset < newBase; offset++) {
                int bit = position(offset);
                words[bit >>> 6] &= ~(1L << bit);
            }
        } else {
            BitSet held = bits(base);
            long oldBase = base;
            Arrays.fill(words, 0L);
            base = newBase;
            held.stream().forEach(bit -> add(oldBase + bit));
            return;
        }
        base = newBase;
    }

    /** The offsets held from {@code from} on, as far as {@code size} offsets: bit {@code i} is offset {@code from + i}. */
    BitSet bits(long from) {
        BitSet bits = new BitSet();
        long basePosition = base < 0 ? 0 : base % capacity;
        for (int w = 0; w < words.length; w++) {
            long word = words[w];
            while (word != 0) {
                int bit = w * 64 + Long.numberOfTrailingZeros(word);
                word &= word - 1;
                long offset = base + (bit - basePosition + capacity) % capacity;
                if (offset >= from && offset - from < size) {
                    bits.set((int) (offset - from));
                }
            }
        }
        return bits;
    }

    private boolean inWindow(long offset) {
        return base >= 0 && offset >= base && offset < base + size;
    }

    private int position(long offset) {
        return (int) (offset % capacity);
    }
}
