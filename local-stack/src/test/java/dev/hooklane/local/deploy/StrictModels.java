package dev.hooklane.local.deploy;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.introspect.Annotated;
import com.fasterxml.jackson.databind.introspect.JacksonAnnotationIntrospector;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.openshift.api.model.monitoring.v1.PodMonitor;
import io.fabric8.openshift.api.model.monitoring.v1.PrometheusRule;
import io.strimzi.api.kafka.model.topic.KafkaTopic;
import java.util.Map;
import java.util.Optional;

/**
 * The Kubernetes API's own types (fabric8's model of the core, apps and policy groups, Strimzi's
 * KafkaTopic, the Prometheus Operator's monitoring group) read strictly: a field the type does
 * not have, or a value of the wrong type, fails. Each kind is known under the API version its
 * model is written for, so a document in an older version (Strimzi's removed v1beta2) fails too.
 * The models keep unknown fields in an "additional properties" map by default; this mapper turns
 * that off.
 */
final class StrictModels {

    private static final Map<String, Class<?>> TYPES = Map.of(
            "v1/Namespace", Namespace.class,
            "v1/ConfigMap", ConfigMap.class,
            "v1/Secret", Secret.class,
            "v1/Service", Service.class,
            "apps/v1/Deployment", Deployment.class,
            "policy/v1/PodDisruptionBudget", PodDisruptionBudget.class,
            HasMetadata.getApiVersion(KafkaTopic.class) + "/KafkaTopic", KafkaTopic.class,
            "monitoring.coreos.com/v1/PodMonitor", PodMonitor.class,
            "monitoring.coreos.com/v1/PrometheusRule", PrometheusRule.class);

    private static final ObjectMapper STRICT = new ObjectMapper(new YAMLFactory())
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true)
            .configure(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES, true)
            .setAnnotationIntrospector(new JacksonAnnotationIntrospector() {
                @Override
                public Boolean hasAnySetter(Annotated annotated) {
                    return Boolean.FALSE;
                }
            });

    private StrictModels() {
    }

    static Optional<Class<?>> typeOf(String apiVersion, String kind) {
        return Optional.ofNullable(TYPES.get(apiVersion + "/" + kind));
    }

    static <T> T read(JsonNode node, Class<T> type) {
        try {
            return STRICT.treeToValue(node, type);
        } catch (Exception e) {
            throw new AssertionError("not a valid " + type.getSimpleName() + ": " + e.getMessage(), e);
        }
    }
}
