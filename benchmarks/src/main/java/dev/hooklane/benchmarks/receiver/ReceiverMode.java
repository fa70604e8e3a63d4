package dev.hooklane.benchmarks.receiver;

/** How the benchmark receiver answers webhook requests during one run. */
public enum ReceiverMode {
    /** 200 to every request. */
    OK,
    /** Endpoints whose number is a multiple of 10 never answer (the client's timeout ends the exchange); the others get 200. */
    HANG_TENTH,
    /** 503 to the first request of every {@code webhook-id}, 200 to the later ones. */
    FAIL_FIRST;

    /** Whether endpoint {@code number} belongs to the hanging tenth in {@link #HANG_TENTH} runs (and is reported apart in every run). */
    public static boolean inHangingTenth(int number) {
        return number % 10 == 0;
    }
}
