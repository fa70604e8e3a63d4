package dev.hooklane.local.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;

/**
 * deploy/kubernetes/monitoring.yaml for the Prometheus Operator: a PodMonitor that scrapes every
 * Hooklane pod with the job label the dashboards and alerts expect, and a PrometheusRule holding
 * deploy/prometheus/alerts.yml's groups as they are.
 */
final class PrometheusOperatorResources {

    private static final String POD_MONITOR = """
            # For the Prometheus Operator. Generated from deploy/prometheus/alerts.yml by
            # MonitoringManifestTest (which fails when they differ); rewrite with -Dhooklane.rewrite-manifests=true.
            # Plain Prometheus: scrape the pods' prometheus.io/* annotations and load alerts.yml instead.
            apiVersion: monitoring.coreos.com/v1
            kind: PodMonitor
            metadata:
              name: hooklane
              namespace: hooklane
              labels:
                app.kubernetes.io/part-of: hooklane
            spec:
              selector:
                matchLabels:
                  app.kubernetes.io/part-of: hooklane
              jobLabel: app.kubernetes.io/name
              podMetricsEndpoints:
                - port: http
                  path: /metrics
                  interval: 15s
            ---
            apiVersion: monitoring.coreos.com/v1
            kind: PrometheusRule
            metadata:
              name: hooklane
              namespace: hooklane
              labels:
                app.kubernetes.io/part-of: hooklane
            spec:
            """;

    private PrometheusOperatorResources() {
    }

    static String render(Path alertRules) {
        try {
            String groups = Files.readString(alertRules).lines()
                    .dropWhile(line -> line.startsWith("#"))
                    .map(line -> line.isEmpty() ? line : "  " + line)
                    .collect(Collectors.joining("\n", "", "\n"));
            return POD_MONITOR + groups;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
