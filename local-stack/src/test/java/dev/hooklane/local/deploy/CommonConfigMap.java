package dev.hooklane.local.deploy;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * deploy/kubernetes/config.yaml as it follows from deploy/config/hooklane.env: the hooklane-common
 * ConfigMap every service reads, holding the shared settings and what this cluster sets on top.
 */
final class CommonConfigMap {

    static final Path SHARED = Manifests.directory().resolveSibling("config").resolve("hooklane.env");
    /** What a Kubernetes deployment sets on top of the shared settings. */
    static final Map<String, String> CLUSTER = clusterSettings();

    private CommonConfigMap() {
    }

    private static Map<String, String> clusterSettings() {
        Map<String, String> cluster = new LinkedHashMap<>();
        cluster.put("HOOKLANE_KAFKA_BOOTSTRAP", "hooklane-kafka-bootstrap." + StrimziTopics.NAMESPACE + ".svc:9092");
        cluster.put("HOOKLANE_TOPIC_PARTITIONS", Integer.toString(StrimziTopics.PARTITIONS));
        cluster.put("HOOKLANE_TOPIC_REPLICATION", Integer.toString(StrimziTopics.REPLICAS));
        cluster.put("HOOKLANE_LOG_FORMAT", "json");
        return cluster;
    }

    static String render() {
        StringBuilder yaml = new StringBuilder("""
                # Settings every service reads. Generated from deploy/config/hooklane.env (shared with bin/run and
                # compose) and this cluster's own settings: DeploymentEnvironmentsTest fails when this file differs and
                # rewrites it with -Dhooklane.rewrite-manifests=true. The admin key lives in a Secret you create yourself:
                #   kubectl -n hooklane create secret generic hooklane-admin --from-literal=admin-key="$(openssl rand -hex 24)"
                # and so do the portal's token signing keys (optional; without them portal sessions are off):
                #   kubectl -n hooklane create secret generic hooklane-portal --from-literal=signing-keys="$(openssl rand -base64 48)"
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: hooklane-common
                  namespace: hooklane
                  labels:
                    app.kubernetes.io/part-of: hooklane
                data:
                  # deploy/config/hooklane.env
                """);
        DeploymentEnvironments.envFile(SHARED).forEach((key, value) -> entry(yaml, key, value));
        yaml.append("  # this cluster: Strimzi's bootstrap service, 12 partitions and 3 replicas (kafka-topics.yaml), JSON logs\n");
        CLUSTER.forEach((key, value) -> entry(yaml, key, value));
        return yaml.toString();
    }

    private static void entry(StringBuilder yaml, String key, String value) {
        yaml.append("  ").append(key).append(": \"").append(value.replace("\\", "\\\\").replace("\"", "\\\"")).append("\"\n");
    }
}
