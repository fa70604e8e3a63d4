package dev.hooklane.benchmarks.harness;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hooklane.benchmarks.receiver.ReceiverMode;
import dev.hooklane.testkit.http.JsonHttp;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** Drives the benchmark receiver's control routes from the harness JVM. */
public final class ReceiverClient {

    private final JsonHttp http;

    public ReceiverClient(int port) {
        this.http = new JsonHttp(port);
    }

    /** Forgets everything seen so far and answers as {@code mode} from now on. */
    public void reset(ReceiverMode mode) {
        call("POST", "/control/reset?mode=" + mode.name());
    }

    /** Requests answered 2xx since the last reset. */
    public long answered() {
        return Long.parseLong(call("GET", "/control/count").strip());
    }

    /**
     * Waits until nothing has been answered for {@code quiet}, asking every 200 ms; returns how long
     * after the call the last answer came, or empty when answers still came after {@code patience}.
     */
    public Optional<Duration> awaitQuiet(Duration quiet, Duration patience) {
        long start = System.nanoTime();
        long deadline = start + patience.toNanos();
        long seen = answered();
        long movedAt = start;
        while (System.nanoTime() < deadline) {
            Pause.of(Duration.ofMillis(200));
            long now = answered();
            if (now != seen) {
                seen = now;
                movedAt = System.nanoTime();
            } else if (System.nanoTime() - movedAt >= quiet.toNanos()) {
                return Optional.of(Duration.ofNanos(movedAt - start));
            }
        }
        return Optional.empty();
    }

    public JsonNode stats() {
        return answer("GET", "/control/stats").json();
    }

    /** Arrival (epoch µs) of the second attempt of each {@code webhook-id}, in {@code FAIL_FIRST} runs. */
    public Map<String, Long> retryArrivals() {
        Map<String, Long> arrivals = new HashMap<>();
        for (String line : call("GET", "/control/retries").split("\n")) {
            if (!line.isBlank()) {
                String[] parts = line.split(" ");
                arrivals.put(parts[0], Long.parseLong(parts[1]));
            }
        }
        return arrivals;
    }

    private String call(String method, String path) {
        return answer(method, path).body();
    }

    private JsonHttp.Answer answer(String method, String path) {
        JsonHttp.Answer answer = http.send(method, path, null, null);
        if (answer.status() != 200) {
            throw new IllegalStateException("receiver answered " + answer);
        }
        return answer;
    }
}
