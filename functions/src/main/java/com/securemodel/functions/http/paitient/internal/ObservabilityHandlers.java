package com.securemodel.functions.http.paitient.internal;

import com.securemodel.core.audit.CallRecord;
import com.securemodel.core.deployment.LogEntry;
import com.securemodel.core.error.ServiceException;
import com.securemodel.core.observe.AuditService;
import com.securemodel.core.observe.Interval;
import com.securemodel.core.observe.LogService;
import com.securemodel.core.observe.MetricsReport;
import com.securemodel.core.observe.MetricsReport.Metric;
import com.securemodel.core.observe.MetricsService;
import com.securemodel.functions.http.routing.ApiRequest;
import com.securemodel.functions.http.routing.ApiResponse;
import com.securemodel.functions.http.routing.QueryParameters;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code GET /v1/deployments/{id}/metrics}, {@code GET /v1/deployments/{id}/logs} and {@code GET /v1/audit}: read the
 * query, call one service, write the reference's shape.
 */
public final class ObservabilityHandlers {

    private final MetricsService metrics;
    private final LogService logs;
    private final AuditService audit;

    public ObservabilityHandlers(MetricsService metrics, LogService logs, AuditService audit) {
        this.metrics = metrics;
        this.logs = logs;
        this.audit = audit;
    }

    public ApiResponse metrics(ApiRequest request) {
        return ApiResponse.ok(metricsOf(request, request.pathParameter("deployment_id")));
    }

    /**
     * @return the reference's metrics body of one deployment of the caller, for the range, interval and metrics
     *         the request's query names (what a canary endpoint shows side by side for each of its deployments)
     */
    public Map<String, Object> metricsOf(ApiRequest request, String deploymentId) {
        QueryParameters query = request.query();
        Interval interval = text(query, "interval").map(Interval::fromWire).orElse(null);
        MetricsReport report = metrics.metrics(request.clientId(), deploymentId, time(query, "start_time"),
                time(query, "end_time"), interval, metricNames(query));
        return MetricsView.of(report);
    }

    public ApiResponse logs(ApiRequest request) {
        QueryParameters query = request.query();
        LogService.LogPage page = logs.logs(request.clientId(), request.pathParameter("deployment_id"),
                time(query, "start_time"), time(query, "end_time"), limit(query), text(query, "filter").orElse(null),
                text(query, "order").orElse(null), text(query, "next_token").orElse(null));
        return ApiResponse.ok(Map.of("logs", page.entries().stream().map(ObservabilityHandlers::line).toList(),
                "pagination", pagination(page.nextToken())));
    }

    public ApiResponse audit(ApiRequest request) {
        QueryParameters query = request.query();
        AuditService.AuditPage page = audit.records(request.clientId(), time(query, "start_time"),
                time(query, "end_time"), limit(query), text(query, "order").orElse(null),
                text(query, "next_token").orElse(null));
        return ApiResponse.ok(Map.of("records", page.records().stream().map(ObservabilityHandlers::record).toList(),
                "pagination", pagination(page.nextToken())));
    }

    private static Map<String, Object> pagination(String nextToken) {
        Map<String, Object> pagination = new LinkedHashMap<>();
        pagination.put("next_token", nextToken);
        return pagination;
    }

    private static Map<String, Object> line(LogEntry entry) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("timestamp", entry.timestamp().toString());
        line.put("level", entry.level());
        line.put("message", entry.message());
        line.put("component", entry.component());
        line.put("request_id", entry.requestId());
        return line;
    }

    private static Map<String, Object> record(CallRecord r) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("timestamp", r.time().toString());
        out.put("request_id", r.requestId());
        out.put("client_id", r.clientId().value());
        out.put("key_id", r.keyId());
        out.put("deployment_id", r.deploymentId());
        out.put("route", r.route());
        out.put("dialect", r.dialect());
        out.put("status", r.status());
        out.put("prompt_tokens", r.promptTokens());
        out.put("completion_tokens", r.completionTokens());
        out.put("latency_ms", r.latencyMillis());
        return out;
    }

    /** {@code metrics=latency,throughput} or {@code metrics=latency&metrics=throughput}; absent: all. */
    private static Set<Metric> metricNames(QueryParameters query) {
        Set<Metric> wanted = EnumSet.noneOf(Metric.class);
        for (String value : query.all("metrics")) {
            for (String name : value.split(",")) {
                String word = name.strip();
                if (!word.isEmpty()) {
                    wanted.add(Arrays.stream(Metric.values()).filter(m -> m.wire().equals(word)).findFirst()
                            .orElseThrow(() -> ServiceException.validation("metrics must be any of " + Arrays
                                    .stream(Metric.values()).map(Metric::wire).collect(Collectors.joining(", ")))));
                }
            }
        }
        return wanted;
    }

    private static Integer limit(QueryParameters query) {
        Optional<String> value = text(query, "limit");
        if (value.isEmpty()) {
            return null;
        }
        try {
            return Integer.parseInt(value.get().strip());
        } catch (NumberFormatException e) {
            throw ServiceException.validation("limit must be an integer from 1 to " + LogService.MAX_LIMIT);
        }
    }

    /** ISO 8601 with a zone or offset, for example {@code 2023-11-01T00:00:00Z}. */
    private static Instant time(QueryParameters query, String name) {
        Optional<String> value = text(query, name);
        if (value.isEmpty()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value.get().strip()).toInstant();
        } catch (DateTimeParseException e) {
            throw ServiceException.validation(name + " must be an ISO 8601 time with a zone, for example "
                    + "2023-11-01T00:00:00Z");
        }
    }

    private static Optional<String> text(QueryParameters query, String name) {
        return query.first(name).filter(value -> !value.isBlank());
    }

    /** The seed's metrics shape: a series per metric with its timestamps, and the summary. */
    static final class MetricsView {

        private MetricsView() {
        }

        static Map<String, Object> of(MetricsReport report) {
            List<String> timestamps = report.points().stream().map(p -> p.start().toString()).toList();
            Map<String, Object> series = new LinkedHashMap<>();
            Map<String, Object> summary = new LinkedHashMap<>();
            MetricsReport.Point all = report.summary();
            for (Metric metric : Metric.values()) {
                if (!report.metrics().contains(metric)) {
                    continue;
                }
                Map<String, Object> s = new LinkedHashMap<>();
                Map<String, Object> sum = new LinkedHashMap<>();
                switch (metric) {
                    case LATENCY -> {
                        s.put("average", values(report, MetricsReport.Point::averageMillis));
                        s.put("p50", values(report, MetricsReport.Point::p50Millis));
                        s.put("p95", values(report, MetricsReport.Point::p95Millis));
                        s.put("p99", values(report, MetricsReport.Point::p99Millis));
                        sum.put("average", all.averageMillis());
                        sum.put("p50", all.p50Millis());
                        sum.put("p95", all.p95Millis());
                        sum.put("p99", all.p99Millis());
                    }
                    case THROUGHPUT -> {
                        s.put("requests_per_second", values(report, MetricsReport.Point::requestsPerSecond));
                        s.put("requests", values(report, MetricsReport.Point::requests));
                        sum.put("average_requests_per_second", all.requestsPerSecond());
                        sum.put("requests", all.requests());
                    }
                    case ERROR_RATE -> {
                        s.put("percentage", values(report, MetricsReport.Point::errorPercentage));
                        sum.put("average_percentage", all.errorPercentage());
                    }
                    case TOKEN_USAGE -> {
                        s.put("total", values(report, MetricsReport.Point::totalTokens));
                        s.put("input", values(report, MetricsReport.Point::promptTokens));
                        s.put("output", values(report, MetricsReport.Point::completionTokens));
                        sum.put("total", all.totalTokens());
                        sum.put("input", all.promptTokens());
                        sum.put("output", all.completionTokens());
                    }
                }
                s.put("timestamps", timestamps);
                series.put(metric.wire(), s);
                summary.put(metric.wire(), sum);
            }
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("deployment_id", report.deploymentId());
            body.put("start_time", report.from().toString());
            body.put("end_time", report.to().toString());
            body.put("interval", report.interval().wire());
            body.put("metrics", series);
            body.put("summary", summary);
            return body;
        }

        private static List<Object> values(MetricsReport report,
                                           java.util.function.Function<MetricsReport.Point, Object> value) {
            return report.points().stream().map(value).collect(Collectors.toList());
        }
    }
}
