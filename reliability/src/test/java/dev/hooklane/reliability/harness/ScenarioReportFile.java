package dev.hooklane.reliability.harness;

import dev.hooklane.reliability.ledger.LedgerReport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;

/**
 * Appends one table row per scenario to the file named by the system property
 * {@code reliability.report} (the module's {@code target/reliability-report.md}): the figures
 * {@code docs/reliability.md} quotes from a long run.
 */
final class ScenarioReportFile {

    private static final String HEADER = "| scenario | mode | events acknowledged | deliveries required | delivered | lost | duplicates | DLQ | unexpected | faults injected | duration |\n"
            + "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n";

    private ScenarioReportFile() {
    }

    /** @param faults kills, stops and outages, or requests failed on purpose by a flapping receiver */
    static synchronized void append(String scenario, Scale scale, LedgerReport report, Duration took, int faults) {
        Path file = Path.of(System.getProperty("reliability.report", "target/reliability-report.md"));
        String row = "| " + scenario + " | " + scale.name() + " | " + report.eventsAcknowledged() + " | " + report.requiredPairs() + " | "
                + report.delivered() + " | " + report.lost() + " | " + report.duplicates() + " | " + report.deadLettered() + " "
                + report.deadLetterReasons() + " | " + report.unexpected() + " | " + faults + " | " + took.toSeconds() + " s |\n";
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            if (!Files.exists(file)) {
                Files.writeString(file, HEADER, StandardCharsets.UTF_8);
            }
            Files.writeString(file, row, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
