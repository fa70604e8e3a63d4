package dev.hooklane.testkit.pipeline;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;

/** A stand-in service for the launcher's tests: answers /health and /ready on the port its environment names. */
public final class HealthMain {

    private HealthMain() {
    }

    public static void main(String[] args) throws IOException {
        int port = Integer.parseInt(System.getenv("HOOKLANE_HTTP_PORT"));
        HttpServer server = HttpServer.create(new InetSocketAddress(System.getenv("HOOKLANE_HTTP_HOST"), port), 0);
        server.createContext("/", exchange -> {
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.start();
    }
}
