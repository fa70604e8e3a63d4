package dev.hooklane.reliability.badinput;

import dev.hooklane.reliability.badinput.BadInputCorpus.BadRequest;
import dev.hooklane.testkit.http.JsonHttp;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Sends a request whose head is larger than a server reads, over a socket of its own, and reads
 * the answer whatever became of the writing.
 *
 * <p>A server answers such a request (414 or 431) and closes the connection with the rest of the
 * request unread, and the kernel then resets the connection. A client still writing the request
 * sees the reset and may give up before it reads the answer that had already arrived: the JDK's
 * client does, now and then ("header parser received no bytes"). Jetty's own tests meet the same
 * race. This client stops writing at the reset and reads on, so the answer is what is checked.
 */
final class RawExchange {

    private RawExchange() {
    }

    /** The answer, or status 0 with what went wrong when none arrived. */
    static JsonHttp.Answer send(URI server, BadRequest bad, Duration timeout) {
        try (Socket socket = new Socket(server.getHost(), server.getPort())) {
            socket.setSoTimeout((int) timeout.toMillis());
            StringBuilder head = new StringBuilder().append(bad.method()).append(' ').append(bad.path()).append(" HTTP/1.1\r\n")
                    .append("Host: ").append(server.getHost()).append(':').append(server.getPort()).append("\r\n");
            bad.headers().forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
            if (bad.key() != null) {
                head.append("Authorization: Bearer ").append(bad.key()).append("\r\n");
            }
            head.append("Content-Length: ").append(bad.body().length).append("\r\n\r\n");
            try {
                OutputStream out = socket.getOutputStream();
                out.write(head.toString().getBytes(StandardCharsets.UTF_8));
                out.write(bad.body());
                out.flush();
            } catch (IOException e) {
                // Reset while writing: the server answered before it took the whole request. The answer is read below.
            }
            return parse(readUntilClosed(socket.getInputStream()));
        } catch (IOException e) {
            return new JsonHttp.Answer(0, e.toString(), HttpHeaders.of(Map.of(), (name, value) -> true));
        }
    }

    /** Every byte until the server closes the connection (or resets it after its answer). */
    private static byte[] readUntilClosed(InputStream in) throws IOException {
        ByteArrayOutputStream read = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                read.write(buffer, 0, n);
            }
        } catch (IOException e) {
            if (read.size() == 0) {
                throw e;
            }
        }
        return read.toByteArray();
    }

    private static JsonHttp.Answer parse(byte[] raw) {
        String text = new String(raw, StandardCharsets.ISO_8859_1);
        int headEnd = text.indexOf("\r\n\r\n");
        if (headEnd < 0) {
            return new JsonHttp.Answer(0, "no complete answer: " + text, HttpHeaders.of(Map.of(), (name, value) -> true));
        }
        String[] lines = text.substring(0, headEnd).split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.computeIfAbsent(lines[i].substring(0, colon).strip(), name -> new ArrayList<>()).add(lines[i].substring(colon + 1).strip());
        }
        byte[] rest = java.util.Arrays.copyOfRange(raw, headEnd + 4, raw.length);
        boolean chunked = headers.getOrDefault("Transfer-Encoding", List.of()).stream()
                .anyMatch(value -> value.toLowerCase(Locale.ROOT).contains("chunked"));
        String body = new String(chunked ? dechunk(rest) : rest, StandardCharsets.UTF_8);
        return new JsonHttp.Answer(status, body, HttpHeaders.of(headers, (name, value) -> true));
    }

    private static byte[] dechunk(byte[] chunked) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        int at = 0;
        while (at < chunked.length) {
            int lineEnd = indexOfCrlf(chunked, at);
            int size = Integer.parseInt(new String(chunked, at, lineEnd - at, StandardCharsets.ISO_8859_1).split(";")[0].strip(), 16);
            if (size == 0) {
                break;
            }
            body.write(chunked, lineEnd + 2, size);
            at = lineEnd + 2 + size + 2;
        }
        return body.toByteArray();
    }

    private static int indexOfCrlf(byte[] bytes, int from) {
        for (int i = from; i + 1 < bytes.length; i++) {
            if (bytes[i] == '\r' && bytes[i + 1] == '\n') {
                return i;
            }
        }
        throw new IllegalArgumentException("a chunk size line without its end");
    }
}
