package com.securemodel.functions.aws;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.protocol.MarshallingType;
import software.amazon.awssdk.core.traits.ListTrait;
import software.amazon.awssdk.core.traits.MapTrait;
import software.amazon.awssdk.core.util.SdkAutoConstructList;
import software.amazon.awssdk.core.util.SdkAutoConstructMap;
import software.amazon.awssdk.utils.builder.Buildable;

/**
 * The AWS JSON protocol's bodies ({@code awsJson1_0}, DynamoDB's) for the SDK's own model classes, read and written
 * through the fields every model class describes itself by ({@link SdkPojo#sdkFields()}: wire name, type, list and
 * map members), as the SDK's JSON marshaller does: a member that was never set (null, or the SDK's auto-constructed
 * empty list or map) is left out, an explicitly empty one is written; binary values are base64; timestamps are epoch
 * seconds. Only the types the protocol's models use are supported (no documents).
 *
 * @see <a href="https://smithy.io/2.0/aws/protocols/aws-json-1_0-protocol.html">AWS JSON 1.0 protocol</a>
 */
final class AwsJson {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonFactory FACTORY = JSON.getFactory();

    private AwsJson() {
    }

    /** @return the JSON body of {@code request} */
    static byte[] write(SdkPojo request) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (JsonGenerator json = FACTORY.createGenerator(out)) {
            writePojo(json, request);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** @return {@code body} as a JSON object; an empty one when it is empty or not an object */
    static JsonNode parse(byte[] body) throws IOException {
        JsonNode json = body.length == 0 ? null : JSON.readTree(body);
        return json != null && json.isObject() ? json : JSON.createObjectNode();
    }

    /** @return {@code body} as a JSON object, or an empty one when it is not JSON */
    static JsonNode parseOrEmpty(byte[] body) {
        try {
            return parse(body);
        } catch (IOException e) {
            return JSON.createObjectNode();
        }
    }

    /**
     * @param type an error answer's {@code __type} or {@code x-amzn-ErrorType}, such as
     *             {@code com.amazonaws.dynamodb.v20120810#ConditionalCheckFailedException} or
     *             {@code ValidationException:http://internal.amazon.com/...}
     * @return the error code alone ({@code ConditionalCheckFailedException}), as the SDK's error parser reads it
     */
    static String errorCode(String type) {
        String code = type.contains(":") ? type.substring(0, type.indexOf(':')) : type;
        return code.contains("#") ? code.substring(code.lastIndexOf('#') + 1) : code;
    }

    /** @return an error answer's {@code message} (or {@code Message}); null without one */
    static String errorMessage(JsonNode json) {
        return json.hasNonNull("message") ? json.get("message").asText()
                : json.hasNonNull("Message") ? json.get("Message").asText() : null;
    }

    /** Sets on {@code builder} every field that {@code json} holds, and builds it. */
    @SuppressWarnings("unchecked")
    static <T> T read(JsonNode json, SdkPojo builder) {
        readFields(json, builder);
        return (T) ((Buildable) builder).build();
    }

    /** Sets on {@code builder} every field that {@code json} holds. */
    static void readFields(JsonNode json, SdkPojo builder) {
        for (SdkField<?> field : builder.sdkFields()) {
            JsonNode value = json.get(field.locationName());
            if (value != null && !value.isNull()) {
                field.set(builder, readValue(value, field));
            }
        }
    }

    private static void writePojo(JsonGenerator json, SdkPojo pojo) throws IOException {
        json.writeStartObject();
        for (SdkField<?> field : pojo.sdkFields()) {
            Object value = field.getValueOrDefault(pojo);
            if (value == null || value instanceof SdkAutoConstructList || value instanceof SdkAutoConstructMap) {
                continue;
            }
            json.writeFieldName(field.locationName());
            writeValue(json, field, value);
        }
        json.writeEndObject();
    }

    private static void writeValue(JsonGenerator json, SdkField<?> field, Object value) throws IOException {
        MarshallingType<?> type = field.marshallingType();
        if (type == MarshallingType.STRING) {
            json.writeString((String) value);
        } else if (type == MarshallingType.SDK_POJO) {
            writePojo(json, (SdkPojo) value);
        } else if (type == MarshallingType.LIST) {
            SdkField<?> member = field.getRequiredTrait(ListTrait.class).memberFieldInfo();
            json.writeStartArray();
            for (Object element : (List<?>) value) {
                if (element == null) {
                    json.writeNull();
                } else {
                    writeValue(json, member, element);
                }
            }
            json.writeEndArray();
        } else if (type == MarshallingType.MAP) {
            SdkField<?> member = field.getRequiredTrait(MapTrait.class).valueFieldInfo();
            json.writeStartObject();
            for (Map.Entry<?, ?> entry : ((Map<?, ?>) value).entrySet()) {
                json.writeFieldName((String) entry.getKey());
                if (entry.getValue() == null) {
                    json.writeNull();
                } else {
                    writeValue(json, member, entry.getValue());
                }
            }
            json.writeEndObject();
        } else if (type == MarshallingType.BOOLEAN) {
            json.writeBoolean((Boolean) value);
        } else if (type == MarshallingType.INTEGER || type == MarshallingType.LONG || type == MarshallingType.SHORT
                || type == MarshallingType.BYTE) {
            json.writeNumber(((Number) value).longValue());
        } else if (type == MarshallingType.FLOAT || type == MarshallingType.DOUBLE) {
            json.writeNumber(((Number) value).doubleValue());
        } else if (type == MarshallingType.BIG_DECIMAL) {
            json.writeNumber((BigDecimal) value);
        } else if (type == MarshallingType.SDK_BYTES) {
            json.writeString(Base64.getEncoder().encodeToString(((SdkBytes) value).asByteArrayUnsafe()));
        } else if (type == MarshallingType.INSTANT) {
            Instant instant = (Instant) value;
            json.writeNumber(BigDecimal.valueOf(instant.getEpochSecond()).add(BigDecimal.valueOf(instant.getNano(), 9))
                    .stripTrailingZeros());
        } else {
            throw new IllegalArgumentException("Cannot write a " + type + " member (" + field.memberName() + ")");
        }
    }

    private static Object readValue(JsonNode value, SdkField<?> field) {
        MarshallingType<?> type = field.marshallingType();
        if (type == MarshallingType.STRING) {
            return value.asText();
        } else if (type == MarshallingType.SDK_POJO) {
            return read(value, field.constructor().get());
        } else if (type == MarshallingType.LIST) {
            SdkField<?> member = field.getRequiredTrait(ListTrait.class).memberFieldInfo();
            List<Object> list = new ArrayList<>(value.size());
            for (JsonNode element : value) {
                list.add(element.isNull() ? null : readValue(element, member));
            }
            return list;
        } else if (type == MarshallingType.MAP) {
            SdkField<?> member = field.getRequiredTrait(MapTrait.class).valueFieldInfo();
            Map<String, Object> map = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> entries = value.fields(); entries.hasNext(); ) {
                Map.Entry<String, JsonNode> entry = entries.next();
                map.put(entry.getKey(), entry.getValue().isNull() ? null : readValue(entry.getValue(), member));
            }
            return map;
        } else if (type == MarshallingType.BOOLEAN) {
            return value.asBoolean();
        } else if (type == MarshallingType.INTEGER) {
            return value.asInt();
        } else if (type == MarshallingType.LONG) {
            return value.asLong();
        } else if (type == MarshallingType.SHORT) {
            return (short) value.asInt();
        } else if (type == MarshallingType.BYTE) {
            return (byte) value.asInt();
        } else if (type == MarshallingType.FLOAT) {
            return (float) value.asDouble();
        } else if (type == MarshallingType.DOUBLE) {
            return value.asDouble();
        } else if (type == MarshallingType.BIG_DECIMAL) {
            return value.decimalValue();
        } else if (type == MarshallingType.SDK_BYTES) {
            return SdkBytes.fromByteArrayUnsafe(Base64.getDecoder().decode(value.asText()));
        } else if (type == MarshallingType.INSTANT) {
            BigDecimal seconds = value.isNumber() ? value.decimalValue() : new BigDecimal(value.asText());
            return Instant.ofEpochSecond(seconds.longValue(),
                    seconds.remainder(BigDecimal.ONE).movePointRight(9).longValue());
        }
        throw new IllegalArgumentException("Cannot read a " + type + " member (" + field.memberName() + ")");
    }
}
