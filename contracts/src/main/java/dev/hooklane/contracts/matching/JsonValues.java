package dev.hooklane.contracts.matching;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cel.common.values.NullValue;
import java.util.AbstractList;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.Map;
import java.util.RandomAccess;
import java.util.Set;

/**
 * JSON as CEL values, converted lazily: an object is a map and an array a list that convert a
 * member only when an expression reads it, so that an expression reading one field of a large
 * event pays for that field alone.
 */
final class JsonValues {

    private JsonValues() {
    }

    /** The CEL value of {@code node}: map, list, string, int ({@code long}), double, bool or null. */
    static Object of(JsonNode node) {
        return switch (node.getNodeType()) {
            case OBJECT -> new JsonMap(node);
            case ARRAY -> new JsonList(node);
            case STRING -> node.textValue();
            case BOOLEAN -> node.booleanValue();
            case NUMBER -> number(node);
            case BINARY -> node.asText();
            case NULL, MISSING, POJO -> NullValue.NULL_VALUE;
        };
    }

    private static Object number(JsonNode node) {
        return node.isIntegralNumber() && node.canConvertToLong() ? (Object) node.longValue() : (Object) node.doubleValue();
    }

    private static final class JsonMap extends AbstractMap<String, Object> {

        private final JsonNode object;

        JsonMap(JsonNode object) {
            this.object = object;
        }

        @Override
        public Object get(Object key) {
            JsonNode member = key instanceof String name ? object.get(name) : null;
            return member == null ? null : of(member);
        }

        @Override
        public boolean containsKey(Object key) {
            return key instanceof String name && object.has(name);
        }

        @Override
        public int size() {
            return object.size();
        }

        @Override
        public Set<Entry<String, Object>> entrySet() {
            return new AbstractSet<>() {
                @Override
                public Iterator<Entry<String, Object>> iterator() {
                    Iterator<Map.Entry<String, JsonNode>> members = object.fields();
                    return new Iterator<>() {
                        @Override
                        public boolean hasNext() {
                            return members.hasNext();
                        }

                        @Override
                        public Entry<String, Object> next() {
                            Map.Entry<String, JsonNode> member = members.next();
                            return new SimpleImmutableEntry<>(member.getKey(), of(member.getValue()));
                        }
                    };
                }

                @Override
                public int size() {
                    return object.size();
                }
            };
        }
    }

    private static final class JsonList extends AbstractList<Object> implements RandomAccess {

        private final JsonNode array;

        JsonList(JsonNode array) {
            this.array = array;
        }

        @Override
        public Object get(int index) {
            if (index < 0 || index >= array.size()) {
                throw new IndexOutOfBoundsException(index);
            }
            return of(array.get(index));
        }

        @Override
        public int size() {
            return array.size();
        }
    }
}
