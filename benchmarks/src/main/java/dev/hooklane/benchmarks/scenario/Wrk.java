package dev.hooklane.benchmarks.scenario;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code wrk} HTTP load tool, POSTing one body with webhook headers through a Lua script. It
 * runs under {@code bash}, whose {@code times} reports the CPU time wrk used once it has ended
 * (the kernel's account of the children, which a process that has ended no longer has in {@code /proc}).
 */
final class Wrk {

    private static final Pattern REQUESTS_PER_SECOND = Pattern.compile("Requests/sec:\\s+([0-9.]+)");
    private static final Pattern REQUESTS = Pattern.compile("([0-9]+) requests in ");
    /** The second line of {@code times}: user and system time of the shell's children. */
    private static final Pattern CHILDREN_TIMES = Pattern.compile("(?m)^([0-9]+)m([0-9.]+)s ([0-9]+)m([0-9.]+)s\\s*\\z");
    private static final int NOT_FOUND = 127;

    /**
     * One run of wrk.
     *
     * @param requestsPerSecond as wrk reports it
     * @param requests requests wrk completed
     * @param cpu CPU time (user + system) wrk used
     */
    record Run(double requestsPerSecond, long requests, Duration cpu) {
    }

    /** wrk is missing or failed. */
    static final class Unavailable extends Exception {
        Unavailable(String message) {
            super(message);
        }
    }

    private final Path script;

    private Wrk(Path script) {
        this.script = script;
    }

    static Wrk prepare(Path workDir, String body) throws Unavailable {
        String lua = "wrk.method = \"POST\"\n"
                + "wrk.body = [==[" + body + "]==]\n"
                + "wrk.headers[\"Content-Type\"] = \"application/json\"\n"
                + "wrk.headers[\"webhook-id\"] = \"msg_wrk\"\n"
                + "wrk.headers[\"webhook-timestamp\"] = \"" + System.currentTimeMillis() / 1000 + "\"\n"
                + "wrk.headers[\"webhook-signature\"] = \"v1,AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\"\n";
        try {
            Path script = workDir.resolve("wrk-post.lua");
            Files.writeString(script, lua);
            return new Wrk(script);
        } catch (IOException e) {
            throw new Unavailable("cannot write the wrk script: " + e.getMessage());
        }
    }

    /** Runs wrk for {@code duration}. */
    Run run(String url, int connections, Duration duration) throws Unavailable {
        List<String> command = List.of("bash", "-c", "wrk \"$@\"; status=$?; times; exit $status", "wrk",
                "-t2", "-c" + connections, "-d" + duration.toSeconds() + "s", "-s", script.toString(), url);
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int exit = process.waitFor();
            if (exit == NOT_FOUND) {
                throw new Unavailable("wrk is not installed (apt-get install wrk)");
            }
            Matcher rate = REQUESTS_PER_SECOND.matcher(output);
            Matcher requests = REQUESTS.matcher(output);
            if (exit != 0 || !rate.find() || !requests.find()) {
                throw new Unavailable("wrk exited with " + exit + ": " + output.strip());
            }
            if (output.contains("Non-2xx")) {
                throw new Unavailable("the receiver refused wrk's requests: " + output.strip());
            }
            return new Run(Double.parseDouble(rate.group(1)), Long.parseLong(requests.group(1)), childrenCpu(output));
        } catch (IOException e) {
            throw new Unavailable("bash could not be started to run wrk: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Unavailable("interrupted");
        }
    }

    /** The user + system time of the shell's children, from the {@code times} that ends {@code output}. */
    static Duration childrenCpu(String output) throws Unavailable {
        Matcher times = CHILDREN_TIMES.matcher(output);
        if (!times.find()) {
            throw new Unavailable("bash did not report wrk's CPU time: " + output.strip());
        }
        return minutesAndSeconds(times.group(1), times.group(2)).plus(minutesAndSeconds(times.group(3), times.group(4)));
    }

    private static Duration minutesAndSeconds(String minutes, String seconds) {
        return Duration.ofMinutes(Long.parseLong(minutes)).plusNanos(Math.round(Double.parseDouble(seconds) * 1e9));
    }
}
