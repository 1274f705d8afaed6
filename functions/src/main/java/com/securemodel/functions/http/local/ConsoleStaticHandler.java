package com.securemodel.functions.http.local;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.web.HttpRequestHandler;

/**
 * Serves the client console's static files (built from {@code console/} into the classpath under
 * {@code static/console/}) at {@code /console/}, ahead of {@link LocalApiBridge}: {@code GET} and {@code HEAD} only,
 * flat file names only (no directories, so no path traversal), every answer with a strict Content Security Policy
 * (scripts, styles and API calls from this origin only; no inline scripts; no framing) and the usual security
 * headers. Only the local web server serves it ({@code securemodel.console.enabled}); on AWS CloudFront serves the
 * same files from a private bucket.
 */
public final class ConsoleStaticHandler implements HttpRequestHandler {

    /** Where the console lives on the web server. */
    public static final String PATH = "/console";

    /** The policy every console answer carries. */
    public static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; "
            + "form-action 'self'; frame-ancestors 'none'";

    private static final String CLASSPATH_DIR = "static/console/";
    private static final Pattern FILE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");
    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html; charset=utf-8",
            "js", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8",
            "txt", "text/plain; charset=utf-8",
            "svg", "image/svg+xml",
            "png", "image/png",
            "ico", "image/x-icon");

    private final ClassLoader classLoader;

    public ConsoleStaticHandler(ClassLoader classLoader) {
        this.classLoader = classLoader;
    }

    /** @return whether {@code path} (without the context path) is the console's */
    public static boolean owns(String path) {
        return path.equals(PATH) || path.startsWith(PATH + "/");
    }

    @Override
    public void handleRequest(HttpServletRequest request, HttpServletResponse response) throws IOException {
        securityHeaders(response);
        String path = request.getRequestURI().substring(request.getContextPath().length());
        String method = request.getMethod();
        if (!method.equals("GET") && !method.equals("HEAD")) {
            response.setHeader("Allow", "GET, HEAD");
            plain(response, HttpServletResponse.SC_METHOD_NOT_ALLOWED, "Method not allowed");
            return;
        }
        if (path.equals(PATH)) {
            response.setStatus(HttpServletResponse.SC_MOVED_PERMANENTLY);
            response.setHeader("Location", request.getContextPath() + PATH + "/");
            return;
        }
        String name = path.substring(PATH.length() + 1);
        if (name.isEmpty()) {
            name = "index.html";
        }
        String extension = name.substring(name.lastIndexOf('.') + 1);
        if (!FILE.matcher(name).matches() || !TYPES.containsKey(extension)) {
            plain(response, HttpServletResponse.SC_NOT_FOUND, "Not found");
            return;
        }
        try (InputStream in = classLoader.getResourceAsStream(CLASSPATH_DIR + name)) {
            if (in == null) {
                plain(response, HttpServletResponse.SC_NOT_FOUND,
                        name.equals("index.html") ? "The console was not built (see console/README.md)" : "Not found");
                return;
            }
            byte[] bytes = in.readAllBytes();
            response.setStatus(HttpServletResponse.SC_OK);
            response.setContentType(TYPES.get(extension));
            response.setHeader("Cache-Control", "no-cache");
            response.setContentLength(bytes.length);
            if (method.equals("GET")) {
                response.getOutputStream().write(bytes);
            }
        }
    }

    private static void securityHeaders(HttpServletResponse response) {
        response.setHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Referrer-Policy", "no-referrer");
        response.setHeader("X-Frame-Options", "DENY");
        response.setHeader("Cross-Origin-Opener-Policy", "same-origin");
        response.setHeader("Cross-Origin-Resource-Policy", "same-origin");
        response.setHeader("Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=()");
    }

    private static void plain(HttpServletResponse response, int status, String text) throws IOException {
        byte[] bytes = (text + "\n").getBytes(StandardCharsets.UTF_8);
        response.setStatus(status);
        response.setContentType("text/plain; charset=utf-8");
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
    }
}
