package dev.hooklane.subscriptions.eventtype;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hooklane.contracts.eventtype.EventType;
import dev.hooklane.subscriptions.SubscriptionApiConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CatalogFileTest {

    @Test
    void shouldShipTheSeedTypesWithExamplesThatPassTheirSchemas() {
        List<EventTypeRequest> seeds = CatalogFile.load(SubscriptionApiConfig.SEED_CATALOG);
        assertThat(seeds).extracting(EventTypeRequest::name).containsExactlyInAnyOrder("reportCreated", "reportStateChanged",
                "operationCreated", "operationStateChanged", "operationRemoved", "processComplete", "NewCustomer", "NewProspect", "NewSuspect",
                "NewSubcontractor", "NewDeal", "NewOpportunity", "processStatusUpdated");
        EventTypeValidator validator = new EventTypeValidator();
        for (EventTypeRequest seed : seeds) {
            EventType type = validator.toEventType(seed, Optional.empty(), Optional.empty(), Instant.EPOCH);
            assertThat(type.examples()).as(seed.name()).isNotEmpty();
        }
    }

    @Test
    void shouldRefuseACatalogWithoutATypeList(@TempDir Path folder) throws Exception {
        Path file = Files.writeString(folder.resolve("catalog.json"), "{\"types\":[]}");
        assertThatThrownBy(() -> CatalogFile.load(file.toString())).hasMessageContaining("eventTypes");
        assertThatThrownBy(() -> CatalogFile.load(folder.resolve("missing.json").toString())).hasMessageContaining("cannot read");
        assertThatThrownBy(() -> CatalogFile.load("classpath:no/such.json")).hasMessageContaining("cannot read");
    }
}
