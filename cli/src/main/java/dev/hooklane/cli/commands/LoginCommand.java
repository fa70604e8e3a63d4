package dev.hooklane.cli.commands;

import dev.hooklane.cli.Api;
import dev.hooklane.cli.CliException;
import dev.hooklane.cli.ConfigFile;
import dev.hooklane.cli.ExitCodes;
import dev.hooklane.cli.Hooklane;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine.Command;

/**
 * {@code hooklane login}: checks a key against the API and saves the API's address, the ingest
 * service's and the key in the configuration file, readable by its owner only.
 */
@Command(name = "login", mixinStandardHelpOptions = true,
        description = {"Save the API's URL (--api-url), the ingest service's URL (--ingest-url) and an API key (--key) for the next commands.",
                "The key is read from standard input when --key is not given, so that it stays out of the shell history.",
                "The file is created with permissions 0600."})
public final class LoginCommand implements Runnable {

    private final Hooklane root;

    LoginCommand(Hooklane root) {
        this.root = root;
    }

    @Override
    public void run() {
        String apiUrl = root.apiUrlOption().orElseThrow(() -> new CliException(ExitCodes.USAGE,
                "login needs --api-url URL (and --ingest-url URL for hooklane events send)"));
        String presented = root.keyOption().orElseGet(this::keyFromInput);
        new Api(apiUrl, presented).get("/v1/subscriptions?limit=1");
        ConfigFile file = root.configFile();
        file.write(new ConfigFile.Settings(apiUrl, root.ingestUrlOption().orElse(null), presented));
        root.output().say("Logged in to " + apiUrl + "; settings saved in " + file.path() + " (readable by you only).");
    }

    private String keyFromInput() {
        if (System.console() != null && root.in() == System.in) {
            char[] typed = System.console().readPassword("API key: ");
            if (typed != null && typed.length > 0) {
                return new String(typed);
            }
        } else {
            try {
                String line = new BufferedReader(new InputStreamReader(root.in(), StandardCharsets.UTF_8)).readLine();
                if (line != null && !line.isBlank()) {
                    return line.strip();
                }
            } catch (IOException e) {
                throw new CliException(ExitCodes.USAGE, "cannot read the key from standard input: " + e.getMessage());
            }
        }
        throw new CliException(ExitCodes.USAGE, "no API key: pass --key or type it on standard input");
    }
}
