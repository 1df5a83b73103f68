package io.backline.core.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads and writes the repository's small JSON records (manifests, verification records, locks, the marker) with
 * Jackson's streaming API. Data binding would do the same, but the first record it reads in a JVM costs 0.25–0.35 s
 * of reflection and bean introspection, on the critical path of every command-line backup, restore and verify.
 *
 * <p>Written documents look exactly like those of {@code ManifestCodec.newMapper()}: Jackson's default pretty
 * printer, ISO-8601 instants and durations. Reading is as lenient as data binding was: unknown fields are skipped,
 * missing ones read as null, zero or false, scalars are coerced to text, and instants and durations may also be
 * numbers of seconds.
 */
public final class JsonStreams {
    private static final JsonFactory FACTORY = new JsonFactory();

    private JsonStreams() {
    }

    /** Writes one value through a generator. */
    @FunctionalInterface
    public interface Body {
        void write(JsonGenerator json) throws IOException;
    }

    /** Reads the value of one field; the parser stands on the value's first token and must end on its last. */
    @FunctionalInterface
    public interface Fields {
        void field(String name, JsonParser json) throws IOException;
    }

    /** Reads one element of an array; the parser stands on its first token and must end on its last. */
    @FunctionalInterface
    public interface Element<T> {
        T read(JsonParser json) throws IOException;
    }

    /** A pretty-printed UTF-8 document. */
    public static byte[] write(Body body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
        try (JsonGenerator json = FACTORY.createGenerator(out)) {
            json.useDefaultPrettyPrinter();
            body.write(json);
        } catch (IOException e) {
            throw new UncheckedIOException("writing JSON into memory failed", e);
        }
        return out.toByteArray();
    }

    /**
     * Parses a document whose root is an object, handing each field to {@code fields}.
     *
     * @throws IOException when the bytes are not JSON or the root is not an object
     */
    public static void read(byte[] document, Fields fields) throws IOException {
        try (JsonParser json = FACTORY.createParser(document)) {
            if (json.nextToken() != JsonToken.START_OBJECT) {
                throw new JsonParseException(json, "expected a JSON object");
            }
            fields(json, fields);
        }
    }

    /**
     * With the parser on {@code START_OBJECT}, hands each field to {@code fields} and ends on {@code END_OBJECT}.
     * Returns false, reading nothing, when the value is {@code null}.
     */
    public static boolean object(JsonParser json, Fields fields) throws IOException {
        if (json.currentToken() == JsonToken.VALUE_NULL) {
            return false;
        }
        if (json.currentToken() != JsonToken.START_OBJECT) {
            throw new JsonParseException(json, "expected an object, found " + json.currentToken());
        }
        fields(json, fields);
        return true;
    }

    private static void fields(JsonParser json, Fields fields) throws IOException {
        JsonToken token;
        while ((token = json.nextToken()) == JsonToken.FIELD_NAME) {
            String name = json.currentName();
            json.nextToken();
            fields.field(name, json);
        }
        if (token != JsonToken.END_OBJECT) {
            throw new JsonParseException(json, "unexpected " + token + " in an object");
        }
    }

    /** Skips the value the parser stands on (for fields nobody reads). */
    public static void skip(JsonParser json) throws IOException {
        json.skipChildren();
    }

    /** A text value; null for {@code null}; numbers and booleans as their text. */
    public static String text(JsonParser json) throws IOException {
        JsonToken token = json.currentToken();
        if (token == JsonToken.VALUE_NULL) {
            return null;
        }
        if (!token.isScalarValue()) {
            throw new JsonParseException(json, "expected a text, found " + token);
        }
        return json.getText();
    }

    /** A whole number; 0 for {@code null}; text holding a number is accepted. */
    public static long number(JsonParser json) throws IOException {
        JsonToken token = json.currentToken();
        if (token == JsonToken.VALUE_NULL) {
            return 0;
        }
        if (token == JsonToken.VALUE_NUMBER_INT) {
            return json.getLongValue();
        }
        if (token == JsonToken.VALUE_STRING || token == JsonToken.VALUE_NUMBER_FLOAT) {
            try {
                return new BigDecimal(json.getText().trim()).longValueExact();
            } catch (NumberFormatException | ArithmeticException e) {
                throw new JsonParseException(json, "expected a whole number, found '" + json.getText() + "'");
            }
        }
        throw new JsonParseException(json, "expected a number, found " + token);
    }

    /** An int; see {@link #number}. */
    public static int intNumber(JsonParser json) throws IOException {
        long value = number(json);
        if (value != (int) value) {
            throw new JsonParseException(json, "number out of range: " + value);
        }
        return (int) value;
    }

    /** A boolean; false for {@code null}; the texts {@code "true"} and {@code "false"} are accepted. */
    public static boolean bool(JsonParser json) throws IOException {
        JsonToken token = json.currentToken();
        if (token == JsonToken.VALUE_TRUE || token == JsonToken.VALUE_FALSE) {
            return token == JsonToken.VALUE_TRUE;
        }
        if (token == JsonToken.VALUE_NULL) {
            return false;
        }
        String text = json.getText();
        if ("true".equals(text) || "false".equals(text)) {
            return Boolean.parseBoolean(text);
        }
        throw new JsonParseException(json, "expected true or false, found '" + text + "'");
    }

    /** An ISO-8601 instant, or a number of seconds since the epoch; null for {@code null}. */
    public static Instant instant(JsonParser json) throws IOException {
        JsonToken token = json.currentToken();
        if (token == JsonToken.VALUE_NULL) {
            return null;
        }
        if (token.isNumeric()) {
            BigDecimal seconds = json.getDecimalValue();
            return Instant.ofEpochSecond(seconds.longValue(), nanosOf(seconds));
        }
        return Instant.parse(text(json).trim());
    }

    /** An ISO-8601 duration, or a number of seconds; null for {@code null}. */
    public static Duration duration(JsonParser json) throws IOException {
        JsonToken token = json.currentToken();
        if (token == JsonToken.VALUE_NULL) {
            return null;
        }
        if (token.isNumeric()) {
            BigDecimal seconds = json.getDecimalValue();
            return Duration.ofSeconds(seconds.longValue(), nanosOf(seconds));
        }
        return Duration.parse(text(json).trim());
    }

    private static long nanosOf(BigDecimal seconds) {
        return seconds.subtract(new BigDecimal(seconds.toBigInteger())).movePointRight(9).longValue();
    }

    /** An array read element by element; null for {@code null}. */
    public static <T> List<T> list(JsonParser json, Element<T> element) throws IOException {
        JsonToken token = json.currentToken();
        if (token == JsonToken.VALUE_NULL) {
            return null;
        }
        if (token != JsonToken.START_ARRAY) {
            throw new JsonParseException(json, "expected an array, found " + token);
        }
        List<T> values = new ArrayList<>();
        while (json.nextToken() != JsonToken.END_ARRAY) {
            values.add(element.read(json));
        }
        return values;
    }

    /**
     * The text fields {@code names} of an object, in that order (null where absent); other fields are skipped.
     * Returns null for {@code null}.
     */
    public static String[] textFields(JsonParser json, String... names) throws IOException {
        String[] values = new String[names.length];
        boolean present = object(json, (name, value) -> {
            int index = List.of(names).indexOf(name);
            if (index >= 0) {
                values[index] = text(value);
            } else {
                skip(value);
            }
        });
        return present ? values : null;
    }

    /** An object of texts, in document order; null for {@code null}. */
    public static Map<String, String> textMap(JsonParser json) throws IOException {
        Map<String, String> values = new LinkedHashMap<>();
        return object(json, (name, value) -> values.put(name, text(value))) ? values : null;
    }

    /** Writes {@code "name" : "value"}, leaving the field out when the value is null. */
    public static void optional(JsonGenerator json, String name, Object value) throws IOException {
        if (value != null) {
            json.writeStringField(name, value.toString());
        }
    }

    /** Writes {@code "name" : "value"} or {@code "name" : null}. */
    public static void nullable(JsonGenerator json, String name, Object value) throws IOException {
        json.writeStringField(name, value == null ? null : value.toString());
    }

    /** Writes an array of texts. */
    public static void texts(JsonGenerator json, String name, List<String> values) throws IOException {
        json.writeArrayFieldStart(name);
        for (String value : values) {
            json.writeString(value);
        }
        json.writeEndArray();
    }
}
