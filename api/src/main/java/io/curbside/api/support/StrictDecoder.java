package io.curbside.api.support;

import io.curbside.api.problem.RefusedJson;
import io.micronaut.core.type.Argument;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.serde.Decoder;
import io.micronaut.serde.LimitingStream;
import io.micronaut.serde.exceptions.SerdeException;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Base64;
import java.util.Iterator;
import java.util.Map;

/**
 * Reads a checked tree into the types the contract gives, and nothing else: a string only from a
 * string, a boolean only from true or false, an array only from an array (never a lone value for
 * an array of one, nor the one item of an array for the value), whole numbers only from integral
 * numbers in range (2.5 is not 2, and 4294967297 is not 1), other numbers only when finite. The
 * deserializers add the path of a refusal; UnreadableBody words it from the field's type.
 */
final class StrictDecoder extends LimitingStream implements Decoder {

    private enum Shape { VALUE, ARRAY, OBJECT }

    private final Shape shape;
    private final JsonNode node;
    private final Iterator<JsonNode> items;
    private final Iterator<Map.Entry<String, JsonNode>> entries;
    /** The value the next read takes: the whole node, the next item, or the value of the key just read. */
    private JsonNode next;

    private StrictDecoder(Shape shape, JsonNode node, RemainingLimits limits) {
        super(limits);
        this.shape = shape;
        this.node = node;
        this.items = shape == Shape.ARRAY ? node.values().iterator() : null;
        this.entries = shape == Shape.OBJECT ? node.entries().iterator() : null;
        this.next = shape == Shape.VALUE ? node : null;
    }

    /** A decoder of the whole tree. */
    static StrictDecoder of(JsonNode tree, RemainingLimits limits) {
        return new StrictDecoder(Shape.VALUE, tree, limits);
    }

    private JsonNode peek() throws IOException {
        if (next == null && shape == Shape.ARRAY && items.hasNext()) {
            next = items.next();
        }
        if (next == null) {
            throw new SerdeException("there is no value to read here");
        }
        return next;
    }

    /** The value to read, taken; a value of the tree itself may be read again (as by a buffer). */
    private JsonNode take() throws IOException {
        JsonNode value = peek();
        if (shape != Shape.VALUE) {
            next = null;
        }
        return value;
    }

    private JsonNode take(boolean ofType, String expected) throws IOException {
        if (!ofType) {
            throw createDeserializationException("must be " + expected, null);
        }
        return take();
    }

    private BigDecimal number() throws IOException {
        BigDecimal number = take(peek().isNumber(), "a number").getBigDecimalValue();
        // 1e40000000 is eleven characters, and writing out its digits to compare them takes minutes:
        // no field of Curbside needs more than 30 digits before the point or 60 after it.
        if (number.signum() != 0 && (number.precision() - number.scale() > 30 || number.scale() > 60)) {
            throw createDeserializationException("must be a number of at most 30 digits before the point and 60 after it",
                    null);
        }
        return number;
    }

    private BigInteger whole(BigInteger min, BigInteger max) throws IOException {
        BigInteger whole;
        try {
            whole = number().toBigIntegerExact();
        } catch (ArithmeticException e) {
            throw createDeserializationException("must be a whole number", null);
        }
        if (whole.compareTo(min) < 0 || whole.compareTo(max) > 0) {
            throw createDeserializationException("must be a whole number from " + min + " to " + max, null);
        }
        return whole;
    }

    private double finite(double max) throws IOException {
        double value = number().doubleValue();
        if (Math.abs(value) > max) {
            throw createDeserializationException("must be a number of at most " + max, null);
        }
        return value;
    }

    @Override
    public int decodeInt() throws IOException {
        return whole(BigInteger.valueOf(Integer.MIN_VALUE), BigInteger.valueOf(Integer.MAX_VALUE)).intValue();
    }

    @Override
    public long decodeLong() throws IOException {
        return whole(BigInteger.valueOf(Long.MIN_VALUE), BigInteger.valueOf(Long.MAX_VALUE)).longValue();
    }

    @Override
    public short decodeShort() throws IOException {
        return whole(BigInteger.valueOf(Short.MIN_VALUE), BigInteger.valueOf(Short.MAX_VALUE)).shortValue();
    }

    @Override
    public byte decodeByte() throws IOException {
        return whole(BigInteger.valueOf(Byte.MIN_VALUE), BigInteger.valueOf(Byte.MAX_VALUE)).byteValue();
    }

    @Override
    public char decodeChar() throws IOException {
        return (char) whole(BigInteger.ZERO, BigInteger.valueOf(Character.MAX_VALUE)).intValue();
    }

    @Override
    public BigInteger decodeBigInteger() throws IOException {
        try {
            return number().toBigIntegerExact();
        } catch (ArithmeticException e) {
            throw createDeserializationException("must be a whole number", null);
        }
    }

    @Override
    public BigDecimal decodeBigDecimal() throws IOException {
        return number();
    }

    @Override
    public double decodeDouble() throws IOException {
        return finite(Double.MAX_VALUE);
    }

    @Override
    public float decodeFloat() throws IOException {
        return (float) finite(Float.MAX_VALUE);
    }

    @Override
    public Integer decodeIntNullable() throws IOException {
        return decodeNull() ? null : decodeInt();
    }

    @Override
    public Long decodeLongNullable() throws IOException {
        return decodeNull() ? null : decodeLong();
    }

    @Override
    public Short decodeShortNullable() throws IOException {
        return decodeNull() ? null : decodeShort();
    }

    @Override
    public Byte decodeByteNullable() throws IOException {
        return decodeNull() ? null : decodeByte();
    }

    @Override
    public Character decodeCharNullable() throws IOException {
        return decodeNull() ? null : decodeChar();
    }

    @Override
    public BigInteger decodeBigIntegerNullable() throws IOException {
        return decodeNull() ? null : decodeBigInteger();
    }

    @Override
    public BigDecimal decodeBigDecimalNullable() throws IOException {
        return decodeNull() ? null : decodeBigDecimal();
    }

    @Override
    public Double decodeDoubleNullable() throws IOException {
        return decodeNull() ? null : decodeDouble();
    }

    @Override
    public Float decodeFloatNullable() throws IOException {
        return decodeNull() ? null : decodeFloat();
    }

    @Override
    public Number decodeNumber() throws IOException {
        return number();
    }

    @Override
    public Number decodeNumberNullable() throws IOException {
        return decodeNull() ? null : decodeNumber();
    }

    @Override
    public String decodeStringNullable() throws IOException {
        return decodeNull() ? null : decodeString();
    }

    @Override
    public Boolean decodeBooleanNullable() throws IOException {
        return decodeNull() ? null : decodeBoolean();
    }

    @Override
    public Decoder decodeArray(Argument<?> type) throws IOException {
        if (!peek().isArray()) {
            throw RefusedJson.notAnArray();
        }
        return new StrictDecoder(Shape.ARRAY, take(), childLimits());
    }

    @Override
    public Decoder decodeObject(Argument<?> type) throws IOException {
        return new StrictDecoder(Shape.OBJECT, take(peek().isObject(), "an object"), childLimits());
    }

    @Override
    public Decoder decodeBuffer() throws IOException {
        return new StrictDecoder(Shape.VALUE, take(), ourLimits());
    }

    @Override
    public boolean hasNextArrayValue() {
        return next != null || (shape == Shape.ARRAY && items.hasNext());
    }

    @Override
    public String decodeKey() {
        if (shape != Shape.OBJECT || !entries.hasNext()) {
            return null;
        }
        Map.Entry<String, JsonNode> entry = entries.next();
        next = entry.getValue();
        return entry.getKey();
    }

    @Override
    public String decodeString() throws IOException {
        return take(peek().isString(), "a string").getStringValue();
    }

    @Override
    public boolean decodeBoolean() throws IOException {
        return take(peek().isBoolean(), "true or false").getBooleanValue();
    }

    @Override
    public byte[] decodeBinary() throws IOException {
        try {
            return Base64.getDecoder().decode(decodeString());
        } catch (IllegalArgumentException e) {
            throw createDeserializationException("must be Base64", null);
        }
    }

    @Override
    public byte[] decodeBinaryNullable() throws IOException {
        return decodeNull() ? null : decodeBinary();
    }

    @Override
    public boolean decodeNull() throws IOException {
        if (peek().isNull()) {
            take();
            return true;
        }
        return false;
    }

    @Override
    public Object decodeArbitrary() throws IOException {
        return JsonTrees.plain(take());
    }

    @Override
    public JsonNode decodeNode() throws IOException {
        return take();
    }

    @Override
    public void skipValue() throws IOException {
        take();
    }

    @Override
    public void finishStructure(boolean consumeLeftElements) throws IOException {
        if (!consumeLeftElements && (hasNextArrayValue() || (shape == Shape.OBJECT && entries.hasNext()))) {
            throw new SerdeException("not every value of the structure was read");
        }
    }

    @Override
    public void close() {
        // A tree holds nothing to release.
    }

    @Override
    public IOException createDeserializationException(String message, Object invalidValue) {
        return RefusedJson.type(message);
    }
}
