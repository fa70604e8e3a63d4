package dev.hooklane.cli;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

/** Runs the command line in this JVM, as a shell would, and keeps what it printed. */
final class CliRun {

    /** One run's exit code and output. */
    record Result(int exitCode, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- out\n" + out + "--- err\n" + err;
        }
    }

    private final Map<String, String> env;

    CliRun(Path config) {
        this.env = Map.of("HOOKLANE_CONFIG", config.toString());
    }

    Result run(String... args) {
        return runWithInput("", args);
    }

    Result runWithInput(String stdin, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = HooklaneCli.run(args, env, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), new PrintWriter(out, true),
                new PrintWriter(err, true), Clock.systemUTC());
        return new Result(code, out.toString(), err.toString());
    }

    /** Runs a command that does not end by itself in a thread, with its output readable while it runs. */
    RunningCommand start(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Thread thread = Thread.ofPlatform().name("cli-" + args[0]).start(() -> HooklaneCli.run(args, env, new ByteArrayInputStream(new byte[0]),
                new PrintWriter(out, true), new PrintWriter(err, true), Clock.systemUTC()));
        return new RunningCommand(thread, out);
    }

    /** A command running in its own thread. */
    record RunningCommand(Thread thread, StringWriter out) implements AutoCloseable {
        String output() {
            synchronized (out) {
                return out.toString();
            }
        }

        @Override
        public void close() throws InterruptedException {
            thread.interrupt();
            thread.join(java.time.Duration.ofSeconds(10));
        }
    }
}
