package dev.hooklane.cli;

/** The exit codes of {@code hooklane}, documented in docs/cli.md. */
public final class ExitCodes {

    /** The command did what it was asked. */
    public static final int OK = 0;
    /** {@code verify}: the request's signature does not match any secret given (or its timestamp is out of tolerance). */
    public static final int NOT_VERIFIED = 1;
    /** Bad usage: an unknown command or option, or a value of the wrong form. */
    public static final int USAGE = 2;
    /** Not logged in, or the configuration file cannot be read or written. */
    public static final int NOT_CONFIGURED = 3;
    /** The API refused the request (400, 404, 409, 413, 415, 422): the problem is printed. */
    public static final int REFUSED = 4;
    /** The API refused the key (401, 403). */
    public static final int UNAUTHORIZED = 5;
    /** The API could not be reached or could not answer (5xx, 429, connection refused, timeout); trying later may work. */
    public static final int UNAVAILABLE = 6;

    private ExitCodes() {
    }
}
