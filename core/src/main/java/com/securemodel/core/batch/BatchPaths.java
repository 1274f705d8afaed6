package com.securemodel.core.batch;

import com.securemodel.core.tenant.ClientId;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Where a prompt file and its results live in the service bucket:
 * {@code batch-input/<client id>/<deployment>/<name>} in, {@code batch-output/<client id>/<deployment>/<name>.*}
 * out. The deployment segment is a deployment id, deployment name or endpoint name; {@value #PER_LINE} means each
 * line's {@code body.model} names it (what the Batches API uses).
 *
 * @param deployment the deployment segment, or null for {@value #PER_LINE}
 */
public record BatchPaths(String inputKey, ClientId clientId, String deployment, String name) {

    public static final String INPUT_PREFIX = "batch-input/";
    public static final String OUTPUT_PREFIX = "batch-output/";
    public static final String FILES_PREFIX = "files/";
    public static final String PER_LINE = "-";
    public static final Duration COMPLETION_WINDOW = Duration.ofHours(24);

    /** @return the paths of an input key, empty when the key is not {@code batch-input/<client>/<deployment>/<name>} */
    public static Optional<BatchPaths> parse(String key) {
        if (key == null || !key.startsWith(INPUT_PREFIX)) {
            return Optional.empty();
        }
        String[] parts = key.substring(INPUT_PREFIX.length()).split("/", 3);
        if (parts.length < 3 || parts[0].isBlank() || parts[1].isBlank() || parts[2].isBlank()
                || parts[2].endsWith("/")) {
            return Optional.empty();
        }
        return Optional.of(new BatchPaths(key, new ClientId(parts[0]), PER_LINE.equals(parts[1]) ? null : parts[1],
                parts[2]));
    }

    /** @return the input key of a Batches API batch */
    public static String apiInputKey(ClientId clientId, String name) {
        return INPUT_PREFIX + clientId.value() + "/" + PER_LINE + "/" + name;
    }

    /** @return {@code batch_} and 32 hex digits of the key's SHA-256: the same key always names the same job */
    public static String batchId(String inputKey) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(inputKey.getBytes(StandardCharsets.UTF_8));
            return "batch_" + HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private String outputBase() {
        return OUTPUT_PREFIX + inputKey.substring(INPUT_PREFIX.length());
    }

    public String outputKey() {
        return outputBase() + ".output.jsonl";
    }

    public String errorsKey() {
        return outputBase() + ".errors.jsonl";
    }

    public String summaryKey() {
        return outputBase() + ".summary.json";
    }

    /** @return the committed part of chunk {@code index}: its output lines ({@code errors} false) or error lines */
    public String partKey(long index, boolean errors) {
        return outputBase() + ".parts/" + String.format("%09d", index) + (errors ? ".errors" : ".output") + ".jsonl";
    }
}
