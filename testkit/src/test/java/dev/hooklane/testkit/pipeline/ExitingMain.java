package dev.hooklane.testkit.pipeline;

/** A stand-in service that fails at start, as one with a bad configuration does. */
public final class ExitingMain {

    private ExitingMain() {
    }

    public static void main(String[] args) {
        System.err.println("Invalid configuration");
        System.exit(3);
    }
}
