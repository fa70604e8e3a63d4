package dev.hooklane.service.http;

import io.javalin.http.Context;
import jakarta.servlet.ServletInputStream;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads and drops what a route left unread of a request body, up to a bound, before the answer
 * goes out. A route that refuses early (no key, no such resource, a body over the limit) answers
 * before it reads; were the connection then closed with the client's bytes still arriving, the
 * kernel would reset it and the client could lose the answer along with the rest of its upload.
 * Draining lets the client finish sending, read the refusal, and keep the connection. A body
 * longer than the bound is not read: the answer says {@code Connection: close}, as a server must
 * not be made to read without end.
 */
final class UnreadBodies {

    private static final Logger log = LoggerFactory.getLogger(UnreadBodies.class);
    private static final int BUFFER_BYTES = 16 * 1024;

    private final long maxDrainBytes;

    /** @param maxDrainBytes the most of a body read only to be dropped */
    UnreadBodies(long maxDrainBytes) {
        this.maxDrainBytes = maxDrainBytes;
    }

    void drain(Context ctx) {
        long declared = ctx.req().getContentLengthLong();
        if (declared == 0) {
            return;
        }
        if (declared > maxDrainBytes) {
            ctx.header("Connection", "close");
            return;
        }
        try {
            ServletInputStream body = ctx.req().getInputStream();
            if (body.isFinished()) {
                // The route read it all, or there was none: the common case costs no buffer.
                return;
            }
            byte[] buffer = new byte[BUFFER_BYTES];
            long dropped = 0;
            for (int read = body.read(buffer); read >= 0; read = body.read(buffer)) {
                dropped += read;
                if (dropped > maxDrainBytes) {
                    ctx.header("Connection", "close");
                    return;
                }
            }
        } catch (IOException | RuntimeException e) {
            // The body broke off or is malformed (Jetty's BadMessageException), or a route took it as a
            // reader: the answer stays as it is, and the connection ends with it.
            log.debug("Could not drain the body of {} {}: {}", ctx.method(), ctx.path(), e.toString());
            ctx.header("Connection", "close");
        }
    }
}
