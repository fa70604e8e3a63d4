package dev.hooklane.delivery.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Base64;
import java.util.BitSet;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeSet;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link PartitionOffsets} against a plain model of what it must answer (sorted sets of boxed
 * offsets), over long random runs: offsets started in order with gaps and now and then out of
 * order, resolved in any order, some stuck far below the others, inherited from a last owner.
 * Every commit must name the same offset and the same resolved offsets as the model's.
 */
class PartitionOffsetsTest {

    private static final long NOW = 1_700_000_000_000L;

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void shouldCommitWhatTheModelCommits(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        PartitionOffsets offsets = new PartitionOffsets(() -> NOW);
        Model model = new Model();
        long start = random.nextLong(0, 1_000_000);
        if (random.nextBoolean()) {
            BitSet inheritedBits = new BitSet();
            for (int i = 0; i < 200; i++) {
                inheritedBits.set(random.nextInt(1, PartitionOffsets.MAX_AHEAD + 100));
            }
            String metadata = "resolved-ahead:v2:" + start + ":" + (NOW - 5_000) + ":"
                    + Base64.getUrlEncoder().withoutPadding().encodeToString(inheritedBits.toByteArray());
            offsets.inherit(start, metadata);
            model.inherit(start, inheritedBits);
            List<Long> endedElsewhere = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                endedElsewhere.add(start + random.nextInt(0, PartitionOffsets.MAX_AHEAD + 100));
            }
            assertThat(offsets.finishedElsewhere(start, endedElsewhere)).isEqualTo(model.finishedElsewhere(start, endedElsewhere));
        }
        List<Long> inFlight = new ArrayList<>();
        long next = start;
        for (int step = 0; step < 60_000; step++) {
            int action = random.nextInt(100);
            if (step % 5_000 == 4_999) {
                // The jobs stuck lowest resolve at last, and the committable offset jumps.
                for (int i = 0; i < 3 && !inFlight.isEmpty(); i++) {
                    long offset = inFlight.removeFirst();
                    offsets.resolved(offset);
                    model.resolved(offset);
                }
            } else if (action < 45) {
                next += random.nextInt(100) < 90 ? 1 : random.nextInt(2, 40);
                long offset = random.nextInt(100) < 2 && next > start + 50 ? next - random.nextInt(1, 50) : next;
                boolean before = model.resolvedBefore(offset);
                assertThat(offsets.resolvedBefore(offset)).as("resolved before: %d", offset).isEqualTo(before);
                if (!before) {
                    offsets.started(offset);
                    model.started(offset);
                    inFlight.add(offset);
                }
            } else if (action < 90 && !inFlight.isEmpty()) {
                // Mostly recent jobs resolve; the oldest one stays in flight for long stretches.
                int pick = random.nextInt(100) < 97 ? random.nextInt(Math.max(0, inFlight.size() - 300), inFlight.size())
                        : random.nextInt(inFlight.size());
                if (pick == 0 && random.nextInt(100) < 95) {
                    continue;
                }
                long offset = inFlight.remove(pick);
                offsets.resolved(offset);
                model.resolved(offset);
            } else if (action < 92 && !inFlight.isEmpty()) {
                long offset = inFlight.get(random.nextInt(inFlight.size()));
                offsets.resolved(offset);
                model.resolved(offset);
                offsets.resolved(offset);
                model.resolved(offset);
                inFlight.remove(offset);
            } else {
                assertThat(offsets.commit()).as("commit at step %d", step).isEqualTo(model.commit());
                assertThat(offsets.inFlight()).isEqualTo(model.pending.size());
            }
        }
        assertThat(offsets.commit()).isEqualTo(model.commit());
    }

    /** What {@link PartitionOffsets} must answer, the obvious way. */
    private static final class Model {
        final TreeSet<Long> pending = new TreeSet<>();
        final TreeSet<Long> resolvedAhead = new TreeSet<>();
        long next = -1;

        void inherit(long offset, BitSet bits) {
            bits.stream().limit(PartitionOffsets.MAX_AHEAD).filter(bit -> bit < PartitionOffsets.MAX_AHEAD).forEach(bit -> resolvedAhead.add(offset + bit));
        }

        int finishedElsewhere(long from, List<Long> offsets) {
            int added = 0;
            for (long offset : offsets) {
                if (offset >= from && offset < from + PartitionOffsets.MAX_AHEAD && !pending.contains(offset) && resolvedAhead.add(offset)) {
                    added++;
                }
            }
            return added;
        }

        boolean resolvedBefore(long offset) {
            if (!resolvedAhead.contains(offset) || pending.contains(offset)) {
                return false;
            }
            next = Math.max(next, offset + 1);
            prune();
            return true;
        }

        void started(long offset) {
            pending.add(offset);
            next = Math.max(next, offset + 1);
        }

        void resolved(long offset) {
            if (pending.remove(offset)) {
                if (offset >= committable() && offset < committable() + PartitionOffsets.MAX_AHEAD) {
                    resolvedAhead.add(offset);
                }
                prune();
            }
        }

        OffsetAndMetadata commit() {
            long base = committable();
            if (base < 0) {
                return null;
            }
            BitSet bits = new BitSet();
            for (long offset : resolvedAhead.subSet(base, base + PartitionOffsets.MAX_AHEAD)) {
                bits.set((int) (offset - base));
            }
            return new OffsetAndMetadata(base, "resolved-ahead:v2:" + base + ":" + NOW + ":"
                    + Base64.getUrlEncoder().withoutPadding().encodeToString(bits.toByteArray()));
        }

        private long committable() {
            return pending.isEmpty() ? next : pending.first();
        }

        private void prune() {
            long committable = committable();
            if (committable >= 0) {
                resolvedAhead.headSet(committable).clear();
            }
        }
    }
}
