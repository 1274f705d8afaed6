package com.securemodel.core.audit;

import com.securemodel.core.deployment.DeploymentLog;
import com.securemodel.core.deployment.LogEntry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Where every served call is noted: its audit record and, when it addressed a deployment, one request line in
 * that deployment's log (request id, route, status, tokens, latency; never text). Like usage, nothing is written
 * on the request path: records wait in memory and {@link #flush()} writes them (every few seconds and at
 * shutdown). Audit records that fail to write are kept for the next flush; a request log line is tried once.
 * At most {@link #MAX_PENDING} records wait: beyond that the oldest are dropped, loudly.
 */
public final class CallJournal {

    /** The component of request log lines. */
    public static final String COMPONENT = "api";
    /** The most records held in memory between flushes. */
    public static final int MAX_PENDING = 100_000;

    private static final System.Logger LOG = System.getLogger(CallJournal.class.getName());

    private final AuditStore audit;
    private final DeploymentLog log;
    private final Clock clock;
    private final Duration flushInterval;
    private final ConcurrentLinkedQueue<CallRecord> pending = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<CallRecord> pendingLines = new ConcurrentLinkedQueue<>();
    private final AtomicInteger size = new AtomicInteger();
    private volatile Instant lastFlush;

    public CallJournal(AuditStore audit, DeploymentLog log, Clock clock, Duration flushInterval) {
        this.audit = audit;
        this.log = log;
        this.clock = clock;
        this.flushInterval = flushInterval;
        this.lastFlush = clock.instant();
    }

    /** Notes a call (an unauthenticated call has no client and is not audited here: the access log has it). */
    public void record(CallRecord call) {
        if (call.clientId() == null) {
            return;
        }
        pending.add(call);
        if (call.deploymentId() != null) {
            pendingLines.add(call);
        }
        if (size.incrementAndGet() > MAX_PENDING) {
            CallRecord dropped = pending.poll();
            if (dropped != null) {
                size.decrementAndGet();
                LOG.log(System.Logger.Level.ERROR, "Audit buffer full: dropped the record of request {0}",
                        dropped.requestId());
            }
        }
    }

    /** Flushes when the last flush is older than the interval. */
    public void flushIfDue() {
        if (!clock.instant().isBefore(lastFlush.plus(flushInterval))) {
            flush();
        }
    }

    /** Writes everything noted so far. */
    public synchronized void flush() {
        lastFlush = clock.instant();
        List<DeploymentLog.Line> lines = drain(pendingLines, null).stream()
                .map(call -> new DeploymentLog.Line(call.clientId(), call.deploymentId(), logLine(call)))
                .toList();
        if (!lines.isEmpty()) {
            int failed = log.appendAll(lines);
            if (failed > 0) {
                LOG.log(System.Logger.Level.WARNING, "Cannot write {0} of {1} request log lines", failed,
                        lines.size());
            }
        }
        List<CallRecord> batch = drain(pending, size);
        if (batch.isEmpty()) {
            return;
        }
        List<CallRecord> unwritten;
        try {
            unwritten = audit.append(batch);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "Audit flush failed", e);
            unwritten = batch;
        }
        if (!unwritten.isEmpty()) {
            LOG.log(System.Logger.Level.WARNING, "Audit flush: {0} records kept for the next flush",
                    unwritten.size());
            pending.addAll(unwritten);
            size.addAndGet(unwritten.size());
        }
    }

    /** @return the request log line of a call: route, status, latency and token counts only */
    public static LogEntry logLine(CallRecord call) {
        String level = call.status() >= 500 ? "error" : call.status() >= 400 ? "warning" : "info";
        return new LogEntry(call.time(), level, call.route() + " -> " + call.status() + " in " + call.latencyMillis()
                + " ms, tokens " + call.promptTokens() + " prompt + " + call.completionTokens() + " completion",
                COMPONENT, call.requestId());
    }

    private static List<CallRecord> drain(ConcurrentLinkedQueue<CallRecord> queue, AtomicInteger size) {
        List<CallRecord> out = new ArrayList<>();
        for (CallRecord next = queue.poll(); next != null; next = queue.poll()) {
            out.add(next);
            if (size != null) {
                size.decrementAndGet();
            }
        }
        return out;
    }
}
