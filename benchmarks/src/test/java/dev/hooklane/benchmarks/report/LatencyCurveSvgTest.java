package dev.hooklane.benchmarks.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

class LatencyCurveSvgTest {

    private static CurveStep step(double offered, double delivered, double p50, double p99, double max) {
        return new CurveStep(offered, delivered, p50, p99 * 0.9, p99, max, Map.of(), 1.0);
    }

    private static final List<CurveStep> STEPS = List.of(step(1_000, 998, 12, 31, 80), step(2_000, 1_995, 14, 38, 120),
            step(5_000, 4_990, 20, 70, 300), step(10_000, 9_800, 35, 480, 1_500), step(15_000, 12_100, 900, 4_200, 6_100),
            step(20_000, 12_600, 4_200, 12_500, 15_800));

    private static Document parse(String svg) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
    }

    private static List<String> texts(Document svg) {
        NodeList nodes = svg.getElementsByTagName("text");
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            texts.add(nodes.item(i).getTextContent());
        }
        return texts;
    }

    @Test
    void shouldDrawALineWithAPointPerStepForP50P99AndMax() throws Exception {
        Document svg = parse(new LatencyCurveSvg(STEPS, "abc1234, 2026-12-05").svg());

        NodeList lines = svg.getElementsByTagName("polyline");
        assertThat(lines.getLength()).isEqualTo(3);
        for (int i = 0; i < lines.getLength(); i++) {
            assertThat(lines.item(i).getAttributes().getNamedItem("points").getNodeValue().split(" ")).hasSize(STEPS.size());
        }
        assertThat(texts(svg)).contains("p50", "p99", "max", "50 ms", "1 s", "20k offered", "10 ms", "100 ms", "10 s",
                "deliveries/s delivered (at the receiver)");
    }

    @Test
    void shouldPutEqualDistancesBetweenDecadesOnTheLatencyAxis() {
        LatencyCurveSvg curve = new LatencyCurveSvg(STEPS, "");

        assertThat(curve.y(10) - curve.y(100)).isCloseTo(curve.y(100) - curve.y(1_000), within(1e-6));
        assertThat(curve.y(1_000)).isLessThan(curve.y(50));
        assertThat(curve.x(10_000)).isGreaterThan(curve.x(5_000));
    }

    @Test
    void shouldKeepBothGuidesInThePictureWhenEveryLatencyIsBetweenThem() throws Exception {
        LatencyCurveSvg curve = new LatencyCurveSvg(List.of(step(1_000, 1_000, 60, 70, 80), step(2_000, 2_000, 70, 90, 95)), "");

        assertThat(curve.y(1_000)).isBetween(LatencyCurveSvg.HEIGHT * 0.1, LatencyCurveSvg.HEIGHT * 0.9);
        assertThat(curve.y(50)).isBetween(LatencyCurveSvg.HEIGHT * 0.1, LatencyCurveSvg.HEIGHT * 0.9);
        assertThat(texts(parse(curve.svg()))).contains("50 ms", "1 s");
    }

    @Test
    void shouldMoveALabelUpWhenItWouldCoverTheLabelOfANearbyPoint() throws Exception {
        List<CurveStep> steps = List.of(step(5_000, 1_014, 9_900, 11_600, 12_000), step(10_000, 1_057, 10_500, 11_900, 12_500));

        NodeList texts = parse(new LatencyCurveSvg(steps, "").svg()).getElementsByTagName("text");
        List<Double> ys = new ArrayList<>();
        for (int i = 0; i < texts.getLength(); i++) {
            if (texts.item(i).getTextContent().endsWith("offered")) {
                ys.add(Double.parseDouble(texts.item(i).getAttributes().getNamedItem("y").getNodeValue()));
            }
        }

        assertThat(ys).hasSize(2);
        assertThat(Math.abs(ys.get(0) - ys.get(1))).isGreaterThanOrEqualTo(12);
    }

    @Test
    void shouldLeaveOutAStepWithoutDeliveries() throws Exception {
        List<CurveStep> steps = List.of(step(1_000, 990, 10, 20, 30), step(2_000, 0, Double.NaN, Double.NaN, Double.NaN));

        NodeList lines = parse(new LatencyCurveSvg(steps, "").svg()).getElementsByTagName("polyline");

        assertThat(lines.item(0).getAttributes().getNamedItem("points").getNodeValue().split(" ")).hasSize(1);
    }
}
