package com.securemodel.functions.http.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/** The console's static files: strict headers on every answer, flat names only, GET and HEAD only. */
class ConsoleStaticHandlerTest {

    private static final Map<String, String> FILES = Map.of(
            "static/console/index.html", "<!doctype html><title>console</title>",
            "static/console/app.js", "console.log(1)");

    private final ConsoleStaticHandler handler = new ConsoleStaticHandler(new ClassLoader(null) {
        @Override
        public InputStream getResourceAsStream(String name) {
            String text = FILES.get(name);
            return text == null ? null : new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
        }
    });

    private MockHttpServletResponse get(String method, String path) throws Exception {
        MockHttpServletResponse response = new MockHttpServletResponse();
        handler.handleRequest(new MockHttpServletRequest(method, path), response);
        return response;
    }

    @Test
    void index_isServedWithAStrictContentSecurityPolicyAndSecurityHeaders() throws Exception {
        MockHttpServletResponse response = get("GET", "/console/");

        assertThat(response.getStatus()).isEqualTo(200);
        assertThat(response.getContentType()).startsWith("text/html");
        assertThat(response.getContentAsString()).contains("<title>console</title>");
        assertThat(response.getHeader("Content-Security-Policy"))
                .contains("default-src 'self'", "script-src 'self'", "frame-ancestors 'none'", "object-src 'none'")
                .doesNotContain("unsafe-inline", "unsafe-eval");
        assertThat(response.getHeader("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(response.getHeader("Referrer-Policy")).isEqualTo("no-referrer");
        assertThat(response.getHeader("X-Frame-Options")).isEqualTo("DENY");
    }

    @Test
    void script_isServedAsJavaScript_andHeadAnswersNoBody() throws Exception {
        assertThat(get("GET", "/console/app.js").getContentType()).startsWith("text/javascript");
        MockHttpServletResponse head = get("HEAD", "/console/app.js");
        assertThat(head.getStatus()).isEqualTo(200);
        assertThat(head.getContentAsByteArray()).isEmpty();
    }

    @Test
    void consoleWithoutSlash_redirectsToTheDirectory() throws Exception {
        MockHttpServletResponse response = get("GET", "/console");

        assertThat(response.getStatus()).isEqualTo(301);
        assertThat(response.getHeader("Location")).isEqualTo("/console/");
    }

    @Test
    void traversalNestedAndUnknownFiles_areNotFound_withTheHeadersStill() throws Exception {
        for (String path : new String[] {"/console/../application.yml", "/console/a/b.js", "/console/.env",
                "/console/missing.js", "/console/app.class"}) {
            MockHttpServletResponse response = get("GET", path);
            assertThat(response.getStatus()).as(path).isEqualTo(404);
            assertThat(response.getHeader("Content-Security-Policy")).as(path).isNotNull();
        }
    }

    @Test
    void otherMethods_areNotAllowed() throws Exception {
        MockHttpServletResponse response = get("POST", "/console/");

        assertThat(response.getStatus()).isEqualTo(405);
        assertThat(response.getHeader("Allow")).isEqualTo("GET, HEAD");
    }
}
