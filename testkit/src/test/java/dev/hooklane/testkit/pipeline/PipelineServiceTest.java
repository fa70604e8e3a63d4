package dev.hooklane.testkit.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hooklane.testkit.http.JsonHttp;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PipelineServiceTest {

    @TempDir
    Path logs;

    @Test
    void shouldStartAServiceInThisJvmOnALoopbackPortOfItsOwnAndCloseItOnStop() {
        List<Map<String, String>> seen = new ArrayList<>();
        AtomicInteger closed = new AtomicInteger();
        ServiceKind kind = new Kind(HealthMain.class.getName(), environment -> {
            seen.add(environment);
            return closed::incrementAndGet;
        });

        PipelineService service = PipelineService.start("in-jvm", kind, Map.of("HOOKLANE_TOPIC_PREFIX", "t."), Optional.empty());
        service.stop();
        service.start();
        service.close();

        assertThat(seen).hasSize(2).allSatisfy(environment -> assertThat(environment)
                .containsEntry("HOOKLANE_TOPIC_PREFIX", "t.")
                .containsEntry("HOOKLANE_HTTP_HOST", "127.0.0.1")
                .containsEntry("HOOKLANE_HTTP_PORT", Integer.toString(service.port())));
        assertThat(closed).hasValue(2);
        assertThat(service.process()).isEmpty();
        assertThatThrownBy(service::killAndRelaunch).hasMessageContaining("cannot be killed");
    }

    @Test
    void shouldStartAServiceInAJvmOfItsOwnAndKeepItsPortAcrossAKill() throws Exception {
        ServiceKind kind = new Kind(HealthMain.class.getName(), environment -> {
            throw new AssertionError("not in this JVM");
        });
        Path log = logs.resolve("own.log");

        try (PipelineService service = PipelineService.start("own", kind, Map.of(), Optional.of(new PipelineService.OwnJvm(List.of("-Xmx64m"), log)))) {
            assertThat(service.process()).get().matches(process -> process.isAlive());
            assertThat(new JsonHttp().get(service.url("/ready"), null).status()).isEqualTo(200);
            long firstPid = service.process().orElseThrow().pid();

            service.kill();
            assertThat(new JsonHttp().get(service.url("/health"), null).status()).isZero();
            service.start();

            assertThat(service.process().orElseThrow().pid()).isNotEqualTo(firstPid);
            assertThat(new JsonHttp().get(service.url("/health"), null).status()).isEqualTo(200);
            assertThat(service.log()).contains(log);
        }
        assertThat(Files.exists(log)).isTrue();
    }

    @Test
    void shouldSayWhereToLookWhenTheJvmExitsBeforeItIsHealthy() {
        ServiceKind failing = new Kind(ExitingMain.class.getName(), environment -> {
            throw new AssertionError("not in this JVM");
        });
        Path log = logs.resolve("exiting.log");

        assertThatThrownBy(() -> PipelineService.start("exiting", failing, Map.of(), Optional.of(new PipelineService.OwnJvm(List.of("-Xmx64m"), log))))
                .hasMessageContaining("exiting exited with code 3").hasMessageContaining(log.toString());
    }

    private record Kind(String mainClass, java.util.function.Function<Map<String, String>, AutoCloseable> inJvm) implements ServiceKind {
        @Override
        public AutoCloseable startInJvm(Map<String, String> environment) {
            return inJvm.apply(environment);
        }
    }
}
