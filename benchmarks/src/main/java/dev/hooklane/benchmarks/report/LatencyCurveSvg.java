package dev.hooklane.benchmarks.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * Draws the latency curve as an SVG picture: the rate delivered at each step on x, latency from
 * event time to receipt on a logarithmic y axis (p50, p99 and the slowest delivery, one line each,
 * a point per step labelled with the rate offered), and guides at 50 ms and 1 s.
 */
public final class LatencyCurveSvg {

    static final double WIDTH = 800;
    static final double HEIGHT = 520;
    private static final double LEFT = 84;
    private static final double RIGHT = 36;
    private static final double TOP = 96;
    private static final double BOTTOM = 64;
    private static final double[] X_STEPS = {500, 1_000, 2_000, 2_500, 5_000, 10_000, 20_000, 25_000, 50_000};
    private static final int MAX_X_TICKS = 8;
    /** Room an offered-rate label takes, to keep labels of nearby points apart. */
    private static final double LABEL_WIDTH = 64;
    private static final double LABEL_HEIGHT = 12;
    /** A white outline under a label, so that it stays readable where a line crosses it. */
    private static final String HALO = "stroke=\"#ffffff\" stroke-width=\"3\" stroke-linejoin=\"round\" paint-order=\"stroke\"";

    /** One line of the picture. */
    private record Series(String name, String colour, String marker, ToDoubleFunction<CurveStep> millis) {
    }

    private static final List<Series> SERIES = List.of(
            new Series("max", "#d62728", "triangle", CurveStep::maxMs),
            new Series("p99", "#ff7f0e", "square", CurveStep::p99Ms),
            new Series("p50", "#1f77b4", "circle", CurveStep::p50Ms));

    private final List<CurveStep> steps;
    private final String subtitle;
    private final String about;
    private final double xMax;
    private final double xStep;
    private final int decadeLow;
    private final int decadeHigh;

    /**
     * @param steps the curve's steps, in the order they ran
     * @param about what run they come from (commit, date), for the subtitle
     */
    public LatencyCurveSvg(List<CurveStep> steps, String about) {
        this.steps = List.copyOf(steps);
        this.subtitle = "offered " + rates(steps) + " deliveries/s in turn; fan-out 10, 1 KiB events, 100 subscriptions";
        this.about = about;
        double delivered = steps.stream().mapToDouble(CurveStep::deliveredPerSecond).filter(Double::isFinite).max().orElse(0);
        this.xStep = xStep(Math.max(delivered, 1_000));
        this.xMax = Math.ceil(Math.max(delivered * 1.08, 1_000) / xStep) * xStep;
        double lowest = values().stream().mapToDouble(d -> d).min().orElse(10);
        double highest = values().stream().mapToDouble(d -> d).max().orElse(1_000);
        // The guides at 50 ms and 1 s are always in the picture.
        this.decadeLow = (int) Math.floor(Math.log10(Math.min(Math.max(lowest, 0.01), 10)));
        this.decadeHigh = (int) Math.ceil(Math.log10(Math.max(highest, 2_000)) + 1e-9);
    }

    public void write(Path file) throws IOException {
        Files.writeString(file, svg());
    }

    String svg() {
        StringBuilder svg = new StringBuilder();
        svg.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%.0f\" height=\"%.0f\" viewBox=\"0 0 %.0f %.0f\" "
                + "font-family=\"DejaVu Sans, Helvetica, Arial, sans-serif\" font-size=\"12\">\n", WIDTH, HEIGHT, WIDTH, HEIGHT));
        svg.append(String.format(Locale.ROOT, "<rect width=\"%.0f\" height=\"%.0f\" fill=\"#ffffff\"/>\n", WIDTH, HEIGHT));
        text(svg, LEFT, 28, "Latency from event time to receipt, by deliveries per second delivered", "start", "font-size=\"16\" font-weight=\"bold\"");
        text(svg, LEFT, 48, subtitle, "start", "fill=\"#444444\"");
        text(svg, LEFT, 66, "run: " + about, "start", "font-size=\"11\" fill=\"#777777\"");
        grid(svg);
        guide(svg, 50, "50 ms");
        guide(svg, 1_000, "1 s");
        for (Series series : SERIES) {
            line(svg, series);
        }
        offeredLabels(svg);
        axes(svg);
        legend(svg);
        svg.append("</svg>\n");
        return svg.toString();
    }

    private void grid(StringBuilder svg) {
        for (int decade = decadeLow; decade <= decadeHigh; decade++) {
            double y = y(Math.pow(10, decade));
            svg.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#d0d0d0\"/>\n", LEFT, y, WIDTH - RIGHT, y));
            text(svg, LEFT - 8, y + 4, latencyLabel(Math.pow(10, decade)), "end", "");
            for (int minor = 2; minor <= 9 && decade < decadeHigh; minor++) {
                double yMinor = y(minor * Math.pow(10, decade));
                svg.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#f0f0f0\"/>\n",
                        LEFT, yMinor, WIDTH - RIGHT, yMinor));
            }
        }
        for (double rate = 0; rate <= xMax + 1e-9; rate += xStep) {
            double x = x(rate);
            svg.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#e4e4e4\"/>\n", x, TOP, x, HEIGHT - BOTTOM));
            text(svg, x, HEIGHT - BOTTOM + 18, String.format(Locale.ROOT, "%,.0f", rate), "middle", "");
        }
    }

    private void guide(StringBuilder svg, double millis, String label) {
        double y = y(millis);
        svg.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#444444\" stroke-width=\"1.2\" "
                + "stroke-dasharray=\"6 4\"/>\n", LEFT, y, WIDTH - RIGHT, y));
        text(svg, WIDTH - RIGHT - 4, y - 5, label, "end", HALO + " fill=\"#333333\" font-weight=\"bold\"");
    }

    private void line(StringBuilder svg, Series series) {
        List<String> points = new ArrayList<>();
        for (CurveStep step : steps) {
            double millis = series.millis().applyAsDouble(step);
            if (Double.isFinite(millis) && Double.isFinite(step.deliveredPerSecond())) {
                points.add(String.format(Locale.ROOT, "%.1f,%.1f", x(step.deliveredPerSecond()), y(millis)));
            }
        }
        svg.append(String.format(Locale.ROOT, "<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"2\" points=\"%s\"/>\n",
                series.colour(), String.join(" ", points)));
        for (String point : points) {
            String[] xy = point.split(",");
            marker(svg, series, Double.parseDouble(xy[0]), Double.parseDouble(xy[1]));
        }
    }

    /** The rate each step offered, above its highest point, moved up while it would cover an earlier label. */
    private void offeredLabels(StringBuilder svg) {
        List<double[]> placed = new ArrayList<>();
        for (CurveStep step : steps) {
            double top = SERIES.stream().mapToDouble(series -> series.millis().applyAsDouble(step)).filter(Double::isFinite).max().orElse(Double.NaN);
            if (Double.isFinite(top) && Double.isFinite(step.deliveredPerSecond())) {
                double x = x(step.deliveredPerSecond());
                double y = y(top) - 10;
                while (covers(placed, x, y)) {
                    y -= LABEL_HEIGHT;
                }
                placed.add(new double[] {x, y});
                text(svg, x, y, String.format(Locale.ROOT, "%sk offered", thousands(step.offeredPerSecond())),
                        "middle", HALO + " font-size=\"10\" fill=\"#555555\"");
            }
        }
    }

    private static boolean covers(List<double[]> placed, double x, double y) {
        return placed.stream().anyMatch(label -> Math.abs(label[0] - x) < LABEL_WIDTH && Math.abs(label[1] - y) < LABEL_HEIGHT);
    }

    private void axes(StringBuilder svg) {
        svg.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"none\" stroke=\"#333333\"/>\n",
                LEFT, TOP, WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM));
        text(svg, LEFT + (WIDTH - LEFT - RIGHT) / 2, HEIGHT - 18, "deliveries/s delivered (at the receiver)", "middle", "font-size=\"13\"");
        double middle = TOP + (HEIGHT - TOP - BOTTOM) / 2;
        svg.append(String.format(Locale.ROOT, "<text x=\"20\" y=\"%.1f\" text-anchor=\"middle\" font-size=\"13\" transform=\"rotate(-90 20 %.1f)\">"
                + "event time → receipt (log scale)</text>\n", middle, middle));
    }

    /** One row above the plot, at its right end: the lines from the fastest (p50) to the slowest (max). */
    private void legend(StringBuilder svg) {
        double entry = 78;
        double y = TOP - 14;
        double x = WIDTH - RIGHT - entry * SERIES.size();
        for (Series series : SERIES.reversed()) {
            svg.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" stroke-width=\"2\"/>\n",
                    x, y, x + 28, y, series.colour()));
            marker(svg, series, x + 14, y);
            text(svg, x + 36, y + 4, series.name(), "start", "");
            x += entry;
        }
    }

    private static void marker(StringBuilder svg, Series series, double x, double y) {
        switch (series.marker()) {
            case "circle" -> svg.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"4\" fill=\"%s\"/>\n", x, y, series.colour()));
            case "square" -> svg.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"8\" height=\"8\" fill=\"%s\"/>\n",
                    x - 4, y - 4, series.colour()));
            default -> svg.append(String.format(Locale.ROOT, "<polygon points=\"%.1f,%.1f %.1f,%.1f %.1f,%.1f\" fill=\"%s\"/>\n",
                    x, y - 5, x - 5, y + 4, x + 5, y + 4, series.colour()));
        }
    }

    private static void text(StringBuilder svg, double x, double y, String content, String anchor, String attributes) {
        svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\" %s>%s</text>\n", x, y, anchor, attributes, escape(content)));
    }

    /** x of a rate in deliveries per second. */
    double x(double perSecond) {
        return LEFT + perSecond / xMax * (WIDTH - LEFT - RIGHT);
    }

    /** y of a latency in ms, on the logarithmic axis. */
    double y(double millis) {
        double share = (Math.log10(Math.max(millis, Math.pow(10, decadeLow))) - decadeLow) / (decadeHigh - decadeLow);
        return HEIGHT - BOTTOM - share * (HEIGHT - TOP - BOTTOM);
    }

    private List<Double> values() {
        List<Double> values = new ArrayList<>();
        for (CurveStep step : steps) {
            for (Series series : SERIES) {
                double millis = series.millis().applyAsDouble(step);
                if (Double.isFinite(millis)) {
                    values.add(millis);
                }
            }
        }
        return values;
    }

    private static double xStep(double max) {
        for (double step : X_STEPS) {
            if (max / step <= MAX_X_TICKS) {
                return step;
            }
        }
        return X_STEPS[X_STEPS.length - 1];
    }

    static String latencyLabel(double millis) {
        if (millis >= 1_000) {
            return String.format(Locale.ROOT, "%,.0f s", millis / 1_000);
        }
        return millis >= 1 ? String.format(Locale.ROOT, "%.0f ms", millis) : String.format(Locale.ROOT, "%s ms", trimmed(millis));
    }

    private static String rates(List<CurveStep> steps) {
        if (steps.isEmpty()) {
            return "no";
        }
        return thousands(steps.getFirst().offeredPerSecond()) + "k to " + thousands(steps.getLast().offeredPerSecond()) + "k";
    }

    private static String thousands(double perSecond) {
        return trimmed(perSecond / 1_000);
    }

    private static String trimmed(double value) {
        return value == Math.rint(value) ? String.format(Locale.ROOT, "%.0f", value) : String.format(Locale.ROOT, "%s", value);
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
