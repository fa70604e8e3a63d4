package dev.hooklane.benchmarks.scenario;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The {@code wrk} HTTP load tool, POSTing one body with webhook headers through a Lua script. */
final class Wrk {

    private static final Pattern REQUESTS_PER_SECOND = Pattern.compile("Requests/sec:\\s+([0-9.]+)");

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

    /** Runs wrk for {@code duration}; returns its requests per second. */
    double run(String url, int connections, Duration duration) throws Unavailable {
        List<String> command = List.of("wrk", "-t2", "-c" + connections, "-d" + duration.toSeconds() + "s", "-s", script.toString(), url);
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int exit = process.waitFor();
            Matcher matcher = REQUESTS_PER_SECOND.matcher(output);
            if (exit != 0 || !matcher.find()) {
                throw new Unavailable("wrk exited with " + exit + ": " + output.strip());
            }
            if (output.contains("Non-2xx")) {
                throw new Unavailable("the receiver refused wrk's requests: " + output.strip());
            }
            return Double.parseDouble(matcher.group(1));
        } catch (IOException e) {
            throw new Unavailable("wrk could not be started (apt-get install wrk): " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Unavailable("interrupted");
        }
    }
}
