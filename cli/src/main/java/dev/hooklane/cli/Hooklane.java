package dev.hooklane.cli;

import dev.hooklane.cli.commands.AttemptsCommand;
import dev.hooklane.cli.commands.DeadLettersCommand;
import dev.hooklane.cli.commands.EventTypesCommand;
import dev.hooklane.cli.commands.EventsCommand;
import dev.hooklane.cli.commands.LoginCommand;
import dev.hooklane.cli.commands.PortalSessionCommand;
import dev.hooklane.cli.commands.RecoverCommand;
import dev.hooklane.cli.commands.SubscriptionsCommand;
import dev.hooklane.cli.commands.VerifyCommand;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code hooklane}: the root command. It holds the options every command takes and what the
 * commands share: where to print, the environment, the configuration file and the clock.
 */
@Command(name = "hooklane", mixinStandardHelpOptions = true, versionProvider = Hooklane.Version.class,
        description = "Manage Hooklane webhooks from a terminal: subscriptions, event types, events, attempts, dead letters and portal sessions.",
        subcommands = {LoginCommand.class, SubscriptionsCommand.class, EventTypesCommand.class, EventsCommand.class, AttemptsCommand.class,
                DeadLettersCommand.class, RecoverCommand.class, VerifyCommand.class, PortalSessionCommand.class,
                AutoComplete.GenerateCompletion.class},
        footerHeading = "%nExit codes:%n",
        footer = {"  0  done", "  1  verify: the signature does not match", "  2  bad usage", "  3  not logged in, or the config file is unusable",
                "  4  the API refused the request (the problem is printed)", "  5  the API refused the key",
                "  6  the API is unreachable or unavailable; try again later"})
public final class Hooklane {

    /** The version in the jar's manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"hooklane " + Optional.ofNullable(Hooklane.class.getPackage().getImplementationVersion()).orElse("development")};
        }
    }

    @Option(names = {"-o", "--output"}, scope = CommandLine.ScopeType.INHERIT, defaultValue = "table", paramLabel = "table|json",
            description = "table for people (default), json for scripts", converter = FormatConverter.class)
    Output.Format format;

    @Option(names = "--api-url", scope = CommandLine.ScopeType.INHERIT, paramLabel = "URL",
            description = "the subscription API, e.g. https://hooks.example.com (default: HOOKLANE_API_URL, then the config file)")
    String apiUrl;

    @Option(names = "--ingest-url", scope = CommandLine.ScopeType.INHERIT, paramLabel = "URL",
            description = "the ingest service (default: HOOKLANE_INGEST_URL, then the config file)")
    String ingestUrl;

    @Option(names = "--key", scope = CommandLine.ScopeType.INHERIT, paramLabel = "KEY",
            description = "the tenant's API key (default: HOOKLANE_KEY, then the config file)")
    String key;

    @Option(names = "--config", scope = CommandLine.ScopeType.INHERIT, paramLabel = "FILE",
            description = "the configuration file (default: HOOKLANE_CONFIG, then ~/.config/hooklane/config.json)")
    Path config;

    private final Map<String, String> env;
    private final InputStream in;
    private final Clock clock;
    private PrintWriter out;

    public Hooklane(Map<String, String> env, InputStream in, Clock clock) {
        this.env = Map.copyOf(env);
        this.in = in;
        this.clock = clock;
    }

    /** Reads table|json case-insensitively. */
    static final class FormatConverter implements CommandLine.ITypeConverter<Output.Format> {
        @Override
        public Output.Format convert(String value) {
            return Output.Format.valueOf(value.toUpperCase(java.util.Locale.ROOT));
        }
    }

    /** {@code --api-url} as given on the command line. */
    public Optional<String> apiUrlOption() {
        return first(apiUrl);
    }

    /** {@code --ingest-url} as given on the command line. */
    public Optional<String> ingestUrlOption() {
        return first(ingestUrl);
    }

    /** {@code --key} as given on the command line. */
    public Optional<String> keyOption() {
        return first(key);
    }

    void printTo(PrintWriter writer) {
        this.out = writer;
    }

    public Output output() {
        return new Output(out, format == null ? Output.Format.TABLE : format);
    }

    public PrintWriter out() {
        return out;
    }

    public InputStream in() {
        return in;
    }

    public Clock clock() {
        return clock;
    }

    public ConfigFile configFile() {
        return new ConfigFile(config != null ? config : ConfigFile.defaultPath(env));
    }

    /** The subscription API with the key, from the options, the environment or the config file. */
    public Api api() {
        return service(apiUrl, "HOOKLANE_API_URL", ConfigFile.Settings::apiUrl, "the API's URL");
    }

    /** The ingest service with the key. */
    public Api ingest() {
        return service(ingestUrl, "HOOKLANE_INGEST_URL", ConfigFile.Settings::ingestUrl, "the ingest service's URL");
    }

    private Api service(String option, String variable, java.util.function.Function<ConfigFile.Settings, String> saved, String what) {
        ConfigFile.Settings file = configFile().read().orElse(new ConfigFile.Settings(null, null, null));
        String url = first(option, env.get(variable), saved.apply(file)).orElseThrow(() -> notConfigured(what));
        return new Api(url, first(key, env.get("HOOKLANE_KEY"), file.key()).orElseThrow(() -> notConfigured("the API key")));
    }

    private CliException notConfigured(String what) {
        return new CliException(ExitCodes.NOT_CONFIGURED, what + " is not set: run hooklane login --api-url URL --ingest-url URL, "
                + "or pass it as an option or environment variable");
    }

    private static Optional<String> first(String... values) {
        for (String value : values) {
            if (value != null && !value.isBlank()) {
                return Optional.of(value.strip());
            }
        }
        return Optional.empty();
    }
}
