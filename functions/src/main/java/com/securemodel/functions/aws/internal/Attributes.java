package com.securemodel.functions.aws.internal;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Reads and writes plain DynamoDB attribute values; absent or NULL attributes read as null. */
public final class Attributes {

    private Attributes() {
    }

    /** A map that skips null values, so that absent fields stay absent in the item. */
    public static final class Builder {
        private final Map<String, AttributeValue> item = new LinkedHashMap<>();

        public Builder s(String name, String value) {
            if (value != null) {
                item.put(name, AttributeValue.fromS(value));
            }
            return this;
        }

        public Builder n(String name, Number value) {
            if (value != null) {
                String text = value instanceof Double || value instanceof Float
                        ? BigDecimal.valueOf(value.doubleValue()).toPlainString() : value.toString();
                item.put(name, AttributeValue.fromN(text));
            }
            return this;
        }

        public Builder bool(String name, Boolean value) {
            if (value != null) {
                item.put(name, AttributeValue.fromBool(value));
            }
            return this;
        }

        public Builder instant(String name, Instant value) {
            return s(name, value == null ? null : value.toString());
        }

        public Builder strings(String name, List<String> values) {
            if (values != null) {
                item.put(name, AttributeValue.fromL(values.stream().map(AttributeValue::fromS).toList()));
            }
            return this;
        }

        public Builder stringMap(String name, Map<String, String> values) {
            if (values != null) {
                Map<String, AttributeValue> map = new LinkedHashMap<>();
                values.forEach((k, v) -> map.put(k, AttributeValue.fromS(v)));
                item.put(name, AttributeValue.fromM(map));
            }
            return this;
        }

        public Builder map(String name, Map<String, AttributeValue> value) {
            if (value != null) {
                item.put(name, AttributeValue.fromM(value));
            }
            return this;
        }

        public Map<String, AttributeValue> build() {
            return Map.copyOf(item);
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    public static String s(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null ? null : value.s();
    }

    public static Long n(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null || value.n() == null ? null : Long.parseLong(value.n());
    }

    public static Integer i(Map<String, AttributeValue> item, String name) {
        Long value = n(item, name);
        return value == null ? null : Math.toIntExact(value);
    }

    public static Double d(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null || value.n() == null ? null : Double.parseDouble(value.n());
    }

    public static Boolean bool(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null ? null : value.bool();
    }

    public static Instant instant(Map<String, AttributeValue> item, String name) {
        String value = s(item, name);
        return value == null ? null : Instant.parse(value);
    }

    public static List<String> strings(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null || !value.hasL() ? null : value.l().stream().map(AttributeValue::s).toList();
    }

    public static Map<String, String> stringMap(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        if (value == null || !value.hasM()) {
            return null;
        }
        Map<String, String> map = new LinkedHashMap<>();
        value.m().forEach((k, v) -> map.put(k, v.s()));
        return map;
    }

    public static Map<String, AttributeValue> map(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null || !value.hasM() ? null : value.m();
    }
}
