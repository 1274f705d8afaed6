package com.securemodel.functions.local.internal;

import com.securemodel.core.tenant.Authenticator;
import com.securemodel.core.tenant.ClientId;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.Environment;

/**
 * Registers the development client's key before the web server starts, and says at start which URL, client and
 * key to use (the key is a local development key, printed on purpose).
 */
public final class LocalDevClient implements SmartInitializingSingleton, ApplicationListener<ApplicationReadyEvent> {

    private final Authenticator authenticator;
    private final String clientId;
    private final String apiKey;
    private final boolean fromEnvironment;
    private final Environment environment;

    public LocalDevClient(Authenticator authenticator, String clientId, String apiKey, boolean fromEnvironment,
                          Environment environment) {
        this.authenticator = authenticator;
        this.clientId = clientId;
        this.apiKey = apiKey == null || apiKey.isBlank() ? "sk-local-dev" : apiKey;
        this.fromEnvironment = fromEnvironment;
        this.environment = environment;
    }

    @Override
    public void afterSingletonsInstantiated() {
        authenticator.register(new ClientId(clientId), clientId, apiKey);
    }

    @Override
    public void onApplicationEvent(ApplicationReadyEvent event) {
        String port = event.getApplicationContext() instanceof WebServerApplicationContext web
                && web.getWebServer() != null
                ? String.valueOf(web.getWebServer().getPort())
                : environment.getProperty("server.port", "8080");
        System.out.printf("Local mode: API on http://localhost:%s, client %s, API key %s (%s)%n", port, clientId,
                apiKey, fromEnvironment ? "from SECUREMODEL_API_KEY" : "default; set SECUREMODEL_API_KEY to change it");
        if (environment.getProperty("securemodel.console.enabled", Boolean.class, false)) {
            System.out.printf("Local mode: console on http://localhost:%s/console/ (sign in with client %s and the"
                    + " API key)%n", port, clientId);
        }
    }
}
