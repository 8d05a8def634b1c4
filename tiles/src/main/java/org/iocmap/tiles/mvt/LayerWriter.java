package org.iocmap.tiles.mvt;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Collects the features of one vector tile layer and writes the {@code Layer} message, with each key and each value
 * stored once in the layer's tables and referred to by index from the features' tags.
 *
 * <p>Values are typed as PostGIS's {@code ST_AsMVT} types them: a whole number is a {@code uint_value} when it is 0 or
 * more and a {@code sint_value} when negative; a {@code Double} is a {@code double_value} and a {@code Float} a {@code
 * float_value}; a {@code Boolean} a {@code bool_value}; a {@code String}, and any other object by its {@code
 * toString()}, a {@code string_value}. Two values are the same table entry only when both type and value match (the
 * whole number 1 and the double 1.0 are two entries), again as in PostGIS.
 *
 * <p>Not thread-safe; one writer builds one layer.
 */
final class LayerWriter {
    /** Field numbers of the vector tile {@code Value} message, used here also as the kind of a table entry. */
    private static final int STRING = 1;

    private static final int FLOAT = 2;
    private static final int DOUBLE = 3;
    private static final int UINT = 5;
    private static final int SINT = 6;
    private static final int BOOL = 7;

    /** The format version this writer follows: vector tile spec 2.1 layers are version 2. */
    static final int VERSION = 2;

    private final String name;
    private final int extent;
    private final Map<String, Integer> keys = new LinkedHashMap<>();
    private final Map<Value, Integer> values = new HashMap<>();
    private final List<Value> valueList = new ArrayList<>();
    private final ProtobufWriter features = new ProtobufWriter(4096);
    private final ProtobufWriter feature = new ProtobufWriter(256);
    private int featureCount;
    private int[] tags = new int[16];

    LayerWriter(String name, int extent) {
        this.name = name;
        this.extent = extent;
    }

    /**
     * Adds one feature. The id is written only when it is 0 or more: the format's ids are unsigned, and PostGIS leaves
     * negative ids out too. Properties with a null value are left out.
     */
    void addFeature(long id, TileGeometry geometry, Map<String, ?> properties) {
        int tagCount = 0;
        for (Map.Entry<String, ?> property : properties.entrySet()) {
            if (property.getKey() == null || property.getValue() == null) {
                continue;
            }
            if (tagCount + 2 > tags.length) {
                tags = Arrays.copyOf(tags, tags.length * 2);
            }
            tags[tagCount++] = keys.computeIfAbsent(property.getKey(), k -> keys.size());
            tags[tagCount++] = valueIndex(toValue(property.getValue()));
        }
        int[] commands = geometry.toCommands();
        feature.clear();
        if (id >= 0) {
            feature.writeVarintField(1, id);
        }
        feature.writePackedUInt32Field(2, tags, tagCount);
        feature.writeVarintField(3, geometry.type().code());
        feature.writePackedUInt32Field(4, commands, commands.length);
        features.writeMessageField(2, feature);
        featureCount++;
    }

    /** Returns how many features were added. */
    int featureCount() {
        return featureCount;
    }

    /** Returns how many distinct keys the layer's table holds. */
    int keyCount() {
        return keys.size();
    }

    /** Returns how many distinct values the layer's table holds. */
    int valueCount() {
        return valueList.size();
    }

    /** Writes the {@code Layer} message, fields in number order (as protobuf writers do), to {@code out}. */
    void writeTo(ProtobufWriter out) {
        out.writeStringField(1, name);
        out.writeRawFrom(features); // each feature is already a tagged field 2
        for (String key : keys.keySet()) {
            out.writeStringField(3, key);
        }
        ProtobufWriter value = new ProtobufWriter(32);
        for (Value v : valueList) {
            value.clear();
            v.writeTo(value);
            out.writeMessageField(4, value);
        }
        out.writeVarintField(5, extent);
        out.writeVarintField(15, VERSION);
    }

    private int valueIndex(Value value) {
        Integer index = values.get(value);
        if (index == null) {
            index = valueList.size();
            values.put(value, index);
            valueList.add(value);
        }
        return index;
    }

    /** Returns the table entry for a property value; see the class comment for the typing rules. */
    static Value toValue(Object value) {
        return switch (value) {
            case String s -> new Value(STRING, 0, s);
            case Boolean b -> new Value(BOOL, b ? 1 : 0, null);
            case Integer i -> wholeNumber(i);
            case Long l -> wholeNumber(l);
            case Short s -> wholeNumber(s);
            case Byte b -> wholeNumber(b);
            case Double d -> new Value(DOUBLE, Double.doubleToRawLongBits(d), null);
            case Float f -> new Value(FLOAT, Float.floatToRawIntBits(f), null);
            case BigInteger i when i.bitLength() < 64 -> wholeNumber(i.longValue());
            case BigDecimal d when isWholeLong(d) -> wholeNumber(d.longValueExact());
            case Number n -> new Value(DOUBLE, Double.doubleToRawLongBits(n.doubleValue()), null);
            default -> new Value(STRING, 0, value.toString());
        };
    }

    private static boolean isWholeLong(BigDecimal d) {
        try {
            d.longValueExact();
            return true;
        } catch (ArithmeticException e) {
            return false; // has a fraction or does not fit a long: written as a double
        }
    }

    private static Value wholeNumber(long v) {
        return v >= 0 ? new Value(UINT, v, null) : new Value(SINT, v, null);
    }

    /**
     * Holds one entry of the value table: the {@code Value} field it is written to, and its bits (the number, or the
     * raw bits of a float or double) or its string.
     */
    record Value(int field, long bits, String string) {
        void writeTo(ProtobufWriter out) {
            switch (field) {
                case STRING -> out.writeStringField(STRING, string);
                case FLOAT -> out.writeFixed32Field(FLOAT, (int) bits);
                case DOUBLE -> out.writeFixed64Field(DOUBLE, bits);
                case UINT -> out.writeVarintField(UINT, bits);
                case SINT -> out.writeVarintField(SINT, ProtobufWriter.zigzag(bits));
                case BOOL -> out.writeVarintField(BOOL, bits);
                default -> throw new IllegalStateException("no Value field " + field);
            }
        }
    }
}
