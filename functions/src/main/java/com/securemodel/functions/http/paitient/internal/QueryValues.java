package com.securemodel.functions.http.paitient.internal;

import com.securemodel.core.deployment.DeploymentQuery;
import com.securemodel.core.deployment.DeploymentStatus;
import com.securemodel.core.error.ServiceException;
import com.securemodel.functions.http.routing.QueryParameters;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** Reads the PaiTIENT query parameters; a value that cannot be read is a {@code validation_error} naming it. */
public final class QueryValues {

    static final int DEFAULT_LIMIT = 20;
    static final int MAX_LIMIT = 100;

    private QueryValues() {
    }

    /** {@code GET /v1/deployments}: limit, offset, status, model_name, region and {@code tags[key]=value}. */
    public static DeploymentQuery deploymentQuery(QueryParameters query) {
        PageQuery page = page(query);
        DeploymentStatus status = text(query, "status").map(QueryValues::status).orElse(null);
        return new DeploymentQuery(status, text(query, "model_name").orElse(null),
                text(query, "region").orElse(null), query.bracketed("tags"), page.limit(), page.offset());
    }

    /** {@code limit} (1-100, default 20) and {@code offset} of a list paged like {@code GET /v1/deployments}. */
    public record PageQuery(int limit, int offset) {
    }

    /** @return the {@code limit} and {@code offset} query parameters of a paged list */
    public static PageQuery page(QueryParameters query) {
        return new PageQuery(integer(query, "limit", DEFAULT_LIMIT, 1, MAX_LIMIT),
                integer(query, "offset", 0, 0, Integer.MAX_VALUE));
    }

    /** {@code force=true|false}, false when absent. */
    public static boolean force(QueryParameters query) {
        return text(query, "force").map(value -> switch (value.toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw ServiceException.validation("force must be true or false");
        }).orElse(false);
    }

    private static Optional<String> text(QueryParameters query, String name) {
        return query.first(name).filter(value -> !value.isBlank());
    }

    private static int integer(QueryParameters query, String name, int absent, int min, int max) {
        Optional<String> value = text(query, name);
        if (value.isEmpty()) {
            return absent;
        }
        String range = max == Integer.MAX_VALUE ? " of " + min + " or more" : " from " + min + " to " + max;
        try {
            int parsed = Integer.parseInt(value.get().trim());
            if (parsed < min || parsed > max) {
                throw ServiceException.validation(name + " must be an integer" + range);
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw ServiceException.validation(name + " must be an integer" + range);
        }
    }

    private static DeploymentStatus status(String word) {
        DeploymentStatus status = DeploymentStatus.fromWire(word);
        if (status == null) {
            throw ServiceException.validation("status must be one of " + Arrays.stream(DeploymentStatus.values())
                    .map(DeploymentStatus::wire).collect(Collectors.joining(", ")));
        }
        return status;
    }
}
