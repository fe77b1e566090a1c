package io.curbside.api.support;

import io.micronaut.json.tree.JsonNode;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Converts between a JSON body's tree and the plain maps, lists, strings, numbers and booleans a
 * parsed YAML file is made of, so a JSON body can be checked by the same code as a file.
 */
public final class JsonTrees {

    private JsonTrees() {
    }

    /** The tree as plain Java values; whole numbers that fit are Integers, as YAML reads them. */
    public static Object plain(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isObject()) {
            Map<String, Object> map = new LinkedHashMap<>();
            node.entries().forEach(e -> map.put(e.getKey(), plain(e.getValue())));
            return map;
        }
        if (node.isArray()) {
            List<Object> list = new ArrayList<>();
            node.values().forEach(v -> list.add(plain(v)));
            return list;
        }
        if (node.isString()) {
            return node.getStringValue();
        }
        if (node.isBoolean()) {
            return node.getBooleanValue();
        }
        BigDecimal number = node.getBigDecimalValue();
        try {
            return number.intValueExact();
        } catch (ArithmeticException e) {
            return number;
        }
    }

    /** Plain maps, lists and scalars as a tree, for a generated model that carries one. */
    public static JsonNode tree(Object value) {
        if (value == null) {
            return JsonNode.nullNode();
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, JsonNode> fields = new LinkedHashMap<>();
            map.forEach((k, v) -> fields.put(String.valueOf(k), tree(v)));
            return JsonNode.createObjectNode(fields);
        }
        if (value instanceof List<?> list) {
            return JsonNode.createArrayNode(list.stream().map(JsonTrees::tree).toList());
        }
        if (value instanceof String s) {
            return JsonNode.createStringNode(s);
        }
        if (value instanceof Boolean b) {
            return JsonNode.createBooleanNode(b);
        }
        if (value instanceof Integer i) {
            return JsonNode.createNumberNode(i);
        }
        if (value instanceof Long l) {
            return JsonNode.createNumberNode(l);
        }
        if (value instanceof Number n) {
            return JsonNode.createNumberNode(new BigDecimal(n.toString()));
        }
        throw new IllegalArgumentException("not a JSON value: " + value.getClass().getName());
    }
}
