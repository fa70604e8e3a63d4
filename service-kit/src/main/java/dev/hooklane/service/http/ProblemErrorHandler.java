package dev.hooklane.service.http;

import dev.hooklane.contracts.json.Json;
import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Jetty's answer to requests it refuses before any route sees them (a URI or headers too large, a
 * malformed request line or path), as problem+json like every other error instead of Jetty's HTML
 * page. The request's path is not echoed: it may be the very thing that was refused.
 *
 * <p>Jetty closes the connection after such a refusal; the answer says so with {@code Connection:
 * close}, so that a client does not send its next request down a connection that is being closed.
 */
final class ProblemErrorHandler extends ErrorHandler {

    /** Every method gets a body: Jetty's own handler writes one for GET, POST and HEAD only. */
    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        int code = response.getStatus() >= 400 ? response.getStatus() : HttpStatus.INTERNAL_SERVER_ERROR_500;
        generateResponse(request, response, code, null, null, callback);
        return true;
    }

    @Override
    protected void generateResponse(Request request, Response response, int code, String message, Throwable cause, Callback callback)
            throws java.io.IOException {
        String reason = HttpStatus.getMessage(code);
        Problem problem = Problem.of(code, "http-" + code, reason, code >= 500 ? "the request failed inside the server" : "the request was refused: " + reason);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, Problem.CONTENT_TYPE);
        response.getHeaders().put(HttpHeader.CONNECTION, "close");
        response.write(true, ByteBuffer.wrap(Json.mapper().writeValueAsBytes(problem)), callback);
    }
}
