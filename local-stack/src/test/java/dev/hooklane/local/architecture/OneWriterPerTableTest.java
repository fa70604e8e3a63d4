package dev.hooklane.local.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaAccess;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import dev.hooklane.contracts.topic.TopicCatalog;
import dev.hooklane.service.kafka.TopicTable;
import java.util.Set;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

/**
 * The subscription API is the one writer of the subscriptions, tenants and api-keys tables: a
 * class of another service that names one of those topics may read it (a view, the router's
 * table), never write a record. A class writes through a {@link ProducerRecord}, a
 * {@link Producer}'s send, a Kafka Streams sink or a {@link TopicTable}.
 */
class OneWriterPerTableTest {

    private static final Set<String> TABLES = Set.of("subscriptions", "tenants", "apiKeys");

    /** Classes that name a table topic of the catalog. */
    private static final DescribedPredicate<JavaClass> NAME_A_TABLE = DescribedPredicate.describe(
            "name the subscriptions, tenants or api-keys topic", javaClass -> javaClass.getMethodCallsFromSelf().stream()
                    .anyMatch(call -> call.getTargetOwner().isEquivalentTo(TopicCatalog.class) && TABLES.contains(call.getName())));

    private static final DescribedPredicate<JavaAccess<?>> WRITE = DescribedPredicate.describe(
            "write to Kafka", access -> {
                JavaClass owner = access.getTargetOwner();
                String name = access.getName();
                return owner.isEquivalentTo(ProducerRecord.class) && name.equals("<init>")
                        || owner.isAssignableTo(Producer.class) && name.equals("send")
                        || owner.getPackageName().equals("org.apache.kafka.streams.kstream") && name.equals("to")
                        || owner.isEquivalentTo(TopicTable.class);
            });

    private static final ArchRule ONLY_THE_API_WRITES_TABLES = noClasses()
            .that().resideOutsideOfPackage("dev.hooklane.subscriptions..")
            .and(NAME_A_TABLE)
            .should().accessTargetWhere(WRITE)
            .as("no service but the subscription API writes the subscriptions, tenants or api-keys topic")
            .because("the API applies every change to a table as a compare-and-set on the current version");

    @Test
    void shouldLetNoServiceButTheSubscriptionApiWriteATable() {
        JavaClasses services = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.hooklane");

        ONLY_THE_API_WRITES_TABLES.check(services);
    }

    @Test
    void shouldCatchAServiceClassThatWritesASubscriptionBack() {
        EvaluationResult result = ONLY_THE_API_WRITES_TABLES.evaluate(new ClassFileImporter().importClasses(WritesSubscriptionsBack.class));

        assertThat(result.hasViolation()).isTrue();
        assertThat(result.getFailureReport().getDetails()).anyMatch(detail -> detail.contains(WritesSubscriptionsBack.class.getSimpleName()));
    }

    /** What the worker did before disable requests: a subscription written back by a service that is not its owner. */
    static final class WritesSubscriptionsBack {
        static void disable(Producer<String, byte[]> producer, TopicCatalog catalog, String id, byte[] disabled) {
            producer.send(new ProducerRecord<>(catalog.subscriptions().name(), id, disabled));
        }
    }
}
