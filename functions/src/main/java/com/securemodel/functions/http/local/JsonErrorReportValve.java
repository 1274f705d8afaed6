package com.securemodel.functions.http.local;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Replaces Tomcat's HTML error report: the answers Tomcat writes by itself (a {@code %2f} or {@code %00} in the
 * path, control characters in a header, headers over the limit, a bad request line) carry the JSON error body of
 * the dialect that owns the path ({@link WebServerErrors}). It logs the status and the kind of failure, never the
 * exception's message (Tomcat puts the rejected header line there, API key included).
 *
 * @see <a href="https://tomcat.apache.org/tomcat-10.1-doc/config/valve.html#Error_Report_Valve">Error Report Valve</a>
 */
public final class JsonErrorReportValve extends ErrorReportValve {

    private static final Logger LOG = LoggerFactory.getLogger(JsonErrorReportValve.class);

    private final WebServerErrors errors;

    public JsonErrorReportValve(WebServerErrors errors) {
        this.errors = errors;
    }

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        AtomicBoolean ioAllowed = new AtomicBoolean(true);
        response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
        if (!ioAllowed.get()) {
            return;
        }
        WebServerErrors.Answer answer = errors.answer(status, path(request));
        LOG.info("The web server refused a request: {} ({})", answer.status(),
                throwable == null ? "no exception" : throwable.getClass().getSimpleName());
        try {
            response.setStatus(answer.status());
            response.setContentType("application/json");
            response.setCharacterEncoding(StandardCharsets.UTF_8.name());
            response.setHeader("X-Request-ID", answer.requestId());
            answer.headers().forEach(response::setHeader);
            PrintWriter writer = response.getReporter();
            if (writer != null) {
                writer.write(answer.body());
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException e) {
            LOG.debug("Could not write the error answer", e);
        }
    }

    /** @return the path when Tomcat could read one, else null */
    private static String path(Request request) {
        try {
            String uri = request.getRequestURI();
            return uri == null || uri.isEmpty() ? null : uri;
        } catch (RuntimeException e) {
            return null;
        }
    }
}
