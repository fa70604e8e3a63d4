package dev.hooklane.testkit.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServiceProcessTest {

    /** A stand-in service: answers /health on $PORT and runs until stopped. */
    public static final class HealthServer {
        public static void main(String[] args) throws IOException {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", Integer.parseInt(System.getenv("PORT"))), 0);
            server.createContext("/health", exchange -> {
                exchange.sendResponseHeaders(200, -1);
                exchange.close();
            });
            server.start();
            System.out.println("listening");
        }
    }

    /** Exits at once with code 3. */
    public static final class Failing {
        public static void main(String[] args) {
            System.exit(3);
        }
    }

    @Test
    void startsKillsAndRestartsAProcess(@TempDir Path dir) throws IOException {
        int port = freePort();
        Path log = dir.resolve("health.log");
        try (ServiceProcess process = ServiceProcess.of("health", HealthServer.class.getName(), Map.of("PORT", String.valueOf(port)),
                List.of("-Xmx64m"), log)) {
            process.start().awaitHealthy("http://127.0.0.1:" + port + "/health", Duration.ofSeconds(30));
            long firstPid = process.pid();

            process.kill();
            assertThat(process.isAlive()).isFalse();

            process.start().awaitHealthy("http://127.0.0.1:" + port + "/health", Duration.ofSeconds(30));
            assertThat(process.pid()).isNotEqualTo(firstPid);
            assertThat(process.stop(Duration.ofSeconds(10))).isEqualTo(143);
        }
        assertThat(Files.readString(log)).contains("listening");
    }

    @Test
    void reportsAProcessThatExitsBeforeItIsHealthy(@TempDir Path dir) {
        ServiceProcess process = ServiceProcess.of("failing", Failing.class.getName(), Map.of(), List.of(), dir.resolve("failing.log")).start();
        assertThatThrownBy(() -> process.awaitHealthy("http://127.0.0.1:" + freePort() + "/health", Duration.ofSeconds(30)))
                .hasMessageContaining("failing exited with code 3");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
