package org.iocmap.layers.model;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.AbstractMap;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Holds a feature's properties as their JSON text, parsed only when a value is asked for. A writer that sends every
 * property can copy {@link #json()} as it is; the map view parses once, on first use.
 *
 * <p>Made by {@link #of(Map, List)}: keys in schema order, then any keys outside the schema, values as JSON gives them
 * (numbers as {@link Integer}, {@link Long} or {@link Double}, text as {@link String}). Immutable and thread-safe.
 */
public final class EncodedProperties extends AbstractMap<String, Object> {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<LinkedHashMap<String, Object>> MAP = new TypeReference<>() {};

    private final byte[] utf8;
    private final boolean schemaOnly;
    private volatile Map<String, Object> parsed;

    private EncodedProperties(byte[] utf8, boolean schemaOnly) {
        this.utf8 = utf8;
        this.schemaOnly = schemaOnly;
    }

    /**
     * Encodes {@code properties} with the keys of {@code schema} first, in its order, then the others; null values are
     * kept. Instants are written as ISO-8601 text.
     */
    public static EncodedProperties of(Map<String, Object> properties, List<AttributeDef> schema) {
        Map<String, Object> ordered = new LinkedHashMap<>();
        for (AttributeDef a : schema) {
            if (properties.containsKey(a.name())) {
                ordered.put(a.name(), jsonValue(properties.get(a.name())));
            }
        }
        boolean schemaOnly = ordered.size() == properties.size();
        if (!schemaOnly) {
            properties.forEach((k, v) -> ordered.putIfAbsent(k, jsonValue(v)));
        }
        try {
            return new EncodedProperties(JSON.writeValueAsBytes(ordered), schemaOnly);
        } catch (IOException e) {
            throw new UncheckedIOException("properties cannot be written as JSON: " + e.getMessage(), e);
        }
    }

    private static Object jsonValue(Object value) {
        return value instanceof java.time.Instant t ? t.toString() : value;
    }

    /** Returns the properties as one JSON object, in the order {@link #of} gives. */
    public String json() {
        return new String(utf8, java.nio.charset.StandardCharsets.UTF_8);
    }

    /** Writes the JSON object, UTF-8 encoded, to {@code out}. */
    public void writeTo(java.io.OutputStream out) throws IOException {
        out.write(utf8);
    }

    /** Tests whether every key is in the schema the properties were encoded with. */
    public boolean isSchemaOnly() {
        return schemaOnly;
    }

    @Override
    public Set<Entry<String, Object>> entrySet() {
        return map().entrySet();
    }

    @Override
    public Object get(Object key) {
        return map().get(key);
    }

    @Override
    public boolean containsKey(Object key) {
        return map().containsKey(key);
    }

    private Map<String, Object> map() {
        Map<String, Object> m = parsed;
        if (m == null) {
            try {
                m = Collections.unmodifiableMap(JSON.readValue(utf8, MAP));
            } catch (IOException e) {
                throw new UncheckedIOException("stored properties are not JSON: " + e.getMessage(), e);
            }
            parsed = m;
        }
        return m;
    }
}
