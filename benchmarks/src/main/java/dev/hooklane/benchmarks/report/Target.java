package dev.hooklane.benchmarks.report;

/** A goal a figure is reported against; never asserted. */
public record Target(boolean atLeast, double value, String text) {

    public static Target atLeast(double value, String text) {
        return new Target(true, value, text);
    }

    public static Target atMost(double value, String text) {
        return new Target(false, value, text);
    }

    public boolean metBy(double figure) {
        return atLeast ? figure >= value : figure <= value;
    }
}
