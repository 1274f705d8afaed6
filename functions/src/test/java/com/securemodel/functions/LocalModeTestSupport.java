package com.securemodel.functions;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base of the integration tests that need the whole service in local mode: one Spring context per test JVM
 * (every subclass shares it, so keep this class's configuration the only one), the local cloud on free ports,
 * models in {@code target/local-cloud/models}, autoscaling evaluated every 300 ms (only deployments with
 * {@code auto_scaling} true are registered), the API on a free port {@link #PORT}
 * ({@code securemodel.public-base-url} follows it).
 */
@SpringBootTest(classes = SecureModelApplication.class, webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT,
        properties = {"securemodel.local.free-ports=true", "securemodel.local.models-dir=target/local-cloud/models",
                "securemodel.local.scaling-period=300ms",
                // webhooks: 3 attempts, 1 s then 2 s apart, 1 s to answer (WebhookApiIT)
                "securemodel.webhooks.base-delay=1s", "securemodel.webhooks.max-delay=4s",
                "securemodel.webhooks.max-attempts=3", "securemodel.webhooks.timeout=1s"})
@ActiveProfiles("local")
public abstract class LocalModeTestSupport {

    /** The API's port, picked once per JVM. */
    public static final int PORT = TestPorts.free();

    @DynamicPropertySource
    static void port(DynamicPropertyRegistry registry) {
        registry.add("server.port", () -> PORT);
    }

    /** @return {@code http://localhost:<port>} */
    protected static String baseUrl() {
        return "http://localhost:" + PORT;
    }
}
