package com.securemodel.functions.http.bytez.internal;

import com.securemodel.core.bytez.InstanceStatus;
import com.securemodel.core.bytez.JobReport;
import com.securemodel.core.bytez.ModelJobService.AvailableModel;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;

/** The answers, field for field as the reference shows them; times as ISO 8601 UTC with milliseconds. */
final class BytezViews {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    private BytezViews() {
    }

    /** One {@code /model/list} entry. */
    record ListedModel(String name, Double requiredRAM, boolean benchmarked) {
        static ListedModel of(AvailableModel model) {
            return new ListedModel(model.id(), model.requiredRamGb(), model.benchmarked());
        }
    }

    /** {@code /model/load}'s answer. */
    record Loaded(String model, String status, int concurrency) {
    }

    /**
     * {@code /model/job}: {@code {model, success, modified}} when it queued the job; {@code message} and
     * {@code startTime} (null until started) while queued; {@code endTime} too once ended.
     */
    static Map<String, Object> job(JobReport report) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("model", report.modelId());
        view.put("success", report.success());
        if (report.message() != null) {
            view.put("message", report.message());
            view.put("startTime", time(report.startTime()));
            if (!JobReport.QUEUED.equals(report.message())) {
                view.put("endTime", time(report.endTime()));
            }
        }
        view.put("modified", time(report.modified()));
        return view;
    }

    /** {@code /model/status}, each {@code /model/instances} entry, {@code /model/delete}. */
    static Map<String, Object> status(InstanceStatus status) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("model", status.modelId());
        view.put("status", status.status());
        if (status.reason() != null) {
            view.put("message", status.reason());
        }
        view.put("concurrency", status.concurrency());
        view.put("inferences", status.inferences());
        view.put("expirationPeriodSeconds", status.expirationPeriodSeconds());
        long seconds = status.expirationPeriodSeconds();
        view.put("expirationPeriodMinutes", seconds % 60 == 0 ? (Number) (seconds / 60) : (Number) (seconds / 60.0));
        view.put("expiresAt", time(status.expiresAt()));
        view.put("created", time(status.created()));
        view.put("modified", time(status.modified()));
        return view;
    }

    static String time(Instant instant) {
        return instant == null ? null : TIME.format(instant);
    }
}
