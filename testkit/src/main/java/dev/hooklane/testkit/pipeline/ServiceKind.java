package dev.hooklane.testkit.pipeline;

import java.util.Map;

/**
 * A service the pipeline launcher can start from the environment variables its {@code main} reads:
 * in a JVM of its own through its main class, or in this JVM.
 */
public interface ServiceKind {

    /** The class whose {@code main} runs the service in a JVM of its own. */
    String mainClass();

    /** Starts the service in this JVM; closing what it returns stops it gracefully. */
    AutoCloseable startInJvm(Map<String, String> environment);
}
