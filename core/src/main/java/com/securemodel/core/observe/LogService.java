package com.securemodel.core.observe;

import com.securemodel.core.deployment.DeploymentLog;
import com.securemodel.core.deployment.DeploymentStore;
import com.securemodel.core.deployment.Deployments;
import com.securemodel.core.deployment.LogQuery;
import com.securemodel.core.error.ServiceException;
import com.securemodel.core.tenant.ClientId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * The logs API: a deployment's lines (lifecycle, scaling, errors, one per request) by time range and filter, in
 * pages whose {@code next_token} is bound to the client and the query ({@link PageTokens}).
 */
public final class LogService {

    /** The default and largest page. */
    public static final int DEFAULT_LIMIT = 100;
    public static final int MAX_LIMIT = 1000;
    /** The range when no start is given: as far back as lines are kept. */
    public static final Duration DEFAULT_RANGE = Duration.ofDays(30);

    private final DeploymentStore deployments;
    private final DeploymentLog log;
    private final PageTokens tokens;
    private final Clock clock;

    public LogService(DeploymentStore deployments, DeploymentLog log, PageTokens tokens, Clock clock) {
        this.deployments = deployments;
        this.log = log;
        this.tokens = tokens;
        this.clock = clock;
    }

    /** A page of lines and the token of the next page (null when this is the last). */
    public record LogPage(java.util.List<com.securemodel.core.deployment.LogEntry> entries, String nextToken) {
    }

    /**
     * @param filter null, or conditions {@code name=value} joined by {@code ,} or {@code " and "}: {@code level},
     *        {@code component}, {@code request_id}
     * @param order {@code asc} or {@code desc} (null: desc)
     * @param limit null: {@link #DEFAULT_LIMIT}
     * @throws ServiceException resource_not_found, validation_error (bad filter, order, range, limit or token)
     */
    public LogPage logs(ClientId clientId, String deploymentId, Instant start, Instant end, Integer limit,
                        String filter, String order, String nextToken) {
        int size = limit == null ? DEFAULT_LIMIT : limit;
        if (size < 1 || size > MAX_LIMIT) {
            throw ServiceException.validation("limit must be an integer from 1 to " + MAX_LIMIT);
        }
        boolean ascending = ascending(order);
        Filter f = Filter.parse(filter);
        if (start != null && end != null && !start.isBefore(end)) {
            throw ServiceException.validation("start_time must be before end_time");
        }
        Deployments.require(deployments, clientId, deploymentId);
        // the token is bound to every parameter that shapes the results; the page size may change between pages
        String bound = String.join("\n", "logs", deploymentId, String.valueOf(start), String.valueOf(end),
                String.valueOf(f.level), String.valueOf(f.component), String.valueOf(f.requestId),
                ascending ? "asc" : "desc");
        PageTokens.Cursor cursor = tokens.cursor(clientId, bound, nextToken, start, end, clock.instant(),
                DEFAULT_RANGE);
        if (!cursor.from().isBefore(cursor.to())) {
            throw ServiceException.validation("start_time must be before end_time");
        }
        LogQuery.Page page = log.query(clientId, deploymentId,
                new LogQuery(cursor.from(), cursor.to(), f.level, f.component, f.requestId, ascending, size),
                cursor.after());
        return new LogPage(page.entries(), page.last() == null ? null
                : cursor.next(tokens, clientId, bound, page.last()));
    }

    static boolean ascending(String order) {
        if (order == null || order.equalsIgnoreCase("desc")) {
            return false;
        }
        if (order.equalsIgnoreCase("asc")) {
            return true;
        }
        throw ServiceException.validation("order must be asc or desc");
    }

    /** The parsed {@code filter} parameter. */
    private record Filter(String level, String component, String requestId) {

        static Filter parse(String filter) {
            String level = null;
            String component = null;
            String requestId = null;
            if (filter != null && !filter.isBlank()) {
                for (String condition : filter.strip().split("\\s*,\\s*|\\s+(?i:and)\\s+")) {
                    int eq = condition.indexOf('=');
                    String name = eq < 0 ? condition : condition.substring(0, eq).strip().toLowerCase(Locale.ROOT);
                    String value = eq < 0 ? "" : condition.substring(eq + 1).strip();
                    if (value.isEmpty() || value.length() > 200) {
                        throw invalid();
                    }
                    switch (name) {
                        case "level" -> level = level(value);
                        case "component" -> component = value;
                        case "request_id" -> requestId = value;
                        default -> throw invalid();
                    }
                }
            }
            return new Filter(level, component, requestId);
        }

        private static String level(String value) {
            String level = value.toLowerCase(Locale.ROOT);
            if (!level.equals("info") && !level.equals("warning") && !level.equals("error")) {
                throw ServiceException.validation("filter level must be info, warning or error");
            }
            return level;
        }

        private static ServiceException invalid() {
            return ServiceException.validation("filter must be conditions name=value joined by commas, with names "
                    + "level, component and request_id (for example level=error,component=api)");
        }
    }
}
