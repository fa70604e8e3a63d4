package dev.hooklane.cli;

import java.io.InputStream;
import java.io.PrintWriter;
import java.lang.reflect.Constructor;
import java.time.Clock;
import java.util.Map;
import picocli.CommandLine;

/** The command line's entry point: builds the commands and maps failures to {@link ExitCodes}. */
public final class HooklaneCli {

    private HooklaneCli() {
    }

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true);
        PrintWriter err = new PrintWriter(System.err, true);
        System.exit(run(args, System.getenv(), System.in, out, err, Clock.systemUTC()));
    }

    /** Runs one command line and answers its exit code; tests call this in-process. */
    public static int run(String[] args, Map<String, String> env, InputStream in, PrintWriter out, PrintWriter err, Clock clock) {
        return commandLine(env, in, out, err, clock).execute(args);
    }

    static CommandLine commandLine(Map<String, String> env, InputStream in, PrintWriter out, PrintWriter err, Clock clock) {
        Hooklane root = new Hooklane(env, in, clock);
        root.printTo(out);
        CommandLine commandLine = new CommandLine(root, new Factory(root));
        commandLine.setOut(out);
        commandLine.setErr(err);
        commandLine.setCaseInsensitiveEnumValuesAllowed(true);
        commandLine.setExecutionExceptionHandler((e, cmd, parsed) -> {
            if (e instanceof CliException failure) {
                err.println("Error: " + failure.getMessage());
                err.flush();
                return failure.exitCode();
            }
            throw e;
        });
        return commandLine;
    }

    /** Gives every command that asks for it (a constructor taking {@link Hooklane}) the root command. */
    private record Factory(Hooklane root) implements CommandLine.IFactory {
        @Override
        public <K> K create(Class<K> type) throws Exception {
            try {
                Constructor<K> withRoot = type.getDeclaredConstructor(Hooklane.class);
                withRoot.setAccessible(true);
                return withRoot.newInstance(root);
            } catch (NoSuchMethodException e) {
                return CommandLine.defaultFactory().create(type);
            }
        }
    }
}
