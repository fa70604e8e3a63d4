package dev.hooklane.reliability.ledger;

import java.util.List;
import java.util.Map;

/**
 * What the ledger found.
 *
 * @param eventsSent events offered to the platform
 * @param eventsAcknowledged events the platform acknowledged (and so must deliver)
 * @param requiredPairs (acknowledged event, required matching subscription) pairs
 * @param delivered required pairs the receiver accepted at least once with a valid signature
 * @param optionalDelivered pairs that were allowed but not required, and arrived
 * @param duplicates receipts beyond the first of one {@code webhook-id}
 * @param lost required pairs neither delivered nor dead-lettered
 * @param deadLettered required pairs in the dead-letter topic with a reason
 * @param deadLetteredWithoutReason dead letters with a blank reason
 * @param unexpected accepted requests whose {@code webhook-id} belongs to no allowed pair
 * @param badSignatures accepted requests of an allowed pair whose signature did not verify
 * @param deadLetterReasons dead-lettered required pairs by the first words of their reason
 */
public record LedgerReport(int eventsSent, int eventsAcknowledged, int requiredPairs, int delivered, int optionalDelivered,
                           int duplicates, int lost, int deadLettered, int deadLetteredWithoutReason, int unexpected, int badSignatures,
                           Map<String, Integer> deadLetterReasons, List<String> lostSample, List<String> unexpectedSample) {

    public LedgerReport {
        deadLetterReasons = Map.copyOf(deadLetterReasons);
        lostSample = List.copyOf(lostSample);
        unexpectedSample = List.copyOf(unexpectedSample);
    }

    /** Duplicates as a share of delivered pairs. */
    public double duplicateRatio() {
        return delivered == 0 ? 0 : (double) duplicates / delivered;
    }

    /** One line for logs and failure messages. */
    public String summary() {
        return "events sent=" + eventsSent + " acknowledged=" + eventsAcknowledged + "; pairs required=" + requiredPairs
                + " delivered=" + delivered + " lost=" + lost + " dlq=" + deadLettered + " " + deadLetterReasons
                + "; duplicates=" + duplicates + " unexpected=" + unexpected + " badSignatures=" + badSignatures
                + " dlqWithoutReason=" + deadLetteredWithoutReason + " optionalDelivered=" + optionalDelivered
                + (lostSample.isEmpty() ? "" : "; lost e.g. " + lostSample)
                + (unexpectedSample.isEmpty() ? "" : "; unexpected e.g. " + unexpectedSample);
    }
}
