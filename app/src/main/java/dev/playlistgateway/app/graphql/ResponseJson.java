package dev.playlistgateway.app.graphql;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.micronaut.json.JsonMapper;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;

/**
 * Writes a GraphQL response (graphql-java's {@code toSpecification()}: maps, lists, strings, numbers,
 * booleans and nulls) with Jackson's streaming generator. Micronaut serde looks up a serializer for the
 * runtime type of every value of such a tree, which cost 13% of a warm 50 x 100 query; here each value
 * is one {@code instanceof}. A value of any other type (an error extension a library added) hands the
 * whole response to {@link JsonMapper}, so the output never depends on which path wrote it.
 * Thread safe: the factory is, and every call has its own generator.
 */
final class ResponseJson {
    private static final JsonFactory FACTORY = new JsonFactory();

    private final JsonMapper fallback;

    ResponseJson(JsonMapper fallback) {
        this.fallback = fallback;
    }

    byte[] write(Map<String, Object> response) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(4096);
        try (JsonGenerator generator = FACTORY.createGenerator(bytes)) {
            writeValue(generator, response);
        } catch (NotPlain e) {
            return viaMapper(response);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private byte[] viaMapper(Map<String, Object> response) {
        try {
            return fallback.writeValueAsBytes(response);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write a GraphQL response", e);
        }
    }

    private static void writeValue(JsonGenerator out, Object value) throws IOException {
        if (value == null) {
            out.writeNull();
        } else if (value instanceof String string) {
            out.writeString(string);
        } else if (value instanceof Map<?, ?> map) {
            out.writeStartObject();
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                if (!(entry.getKey() instanceof String key)) {
                    throw new NotPlain();
                }
                out.writeFieldName(key);
                writeValue(out, entry.getValue());
            }
            out.writeEndObject();
        } else if (value instanceof List<?> list) {
            out.writeStartArray();
            for (Object element : list) {
                writeValue(out, element);
            }
            out.writeEndArray();
        } else if (value instanceof Boolean bool) {
            out.writeBoolean(bool);
        } else if (value instanceof Integer number) {
            out.writeNumber(number);
        } else if (value instanceof Long number) {
            out.writeNumber(number);
        } else if (value instanceof Double number) {
            out.writeNumber(number);
        } else if (value instanceof BigDecimal number) {
            out.writeNumber(number);
        } else if (value instanceof BigInteger number) {
            out.writeNumber(number);
        } else {
            throw new NotPlain();
        }
    }

    /** A value this writer does not know: the response goes to the mapper instead. */
    private static final class NotPlain extends RuntimeException {
        NotPlain() {
            super(null, null, false, false);
        }
    }
}
