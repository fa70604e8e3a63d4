package dev.hooklane.contracts.topic;

import java.nio.ByteBuffer;
import java.util.OptionalLong;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * The version of a record of a table topic (subscriptions, tenants, api-keys, event-types): a
 * count that starts at 1 when the key is created and grows by one with every change, carried in
 * the {@link #HEADER} header as an 8-byte big-endian number. The subscription API, the one writer
 * of these tables, sets it; a record without it (written before versions existed, or by a tool)
 * has version 0. Readers that do not compare versions ignore it.
 */
public final class TableVersion {

    /** The header that holds the version. */
    public static final String HEADER = "hooklane.version";

    private TableVersion() {
    }

    public static byte[] encode(long version) {
        if (version < 1) {
            throw new IllegalArgumentException("a table record's version is 1 or more: " + version);
        }
        return ByteBuffer.allocate(Long.BYTES).putLong(version).array();
    }

    /** The version in {@code headers}; empty when absent. */
    public static OptionalLong of(Headers headers) {
        Header header = headers.lastHeader(HEADER);
        if (header == null || header.value() == null || header.value().length != Long.BYTES) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(ByteBuffer.wrap(header.value()).getLong());
    }
}
