package com.securemodel.functions.http.local;

import com.securemodel.core.IdGenerator;
import com.securemodel.functions.http.HttpApiFunction;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Set;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.cloud.function.context.FunctionCatalog;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.servlet.handler.AbstractHandlerMapping;

/**
 * When the application runs as a web server (locally, or as the streaming web app on Lambda), hands every request
 * to {@link LocalApiBridge}, ahead of every other handler, so that all routes of all dialects reach {@code httpApi}
 * and nothing else is served but the client console's static files at {@code /console/} where
 * {@code securemodel.console.enabled} is true (the local profile; {@link ConsoleStaticHandler}).
 * spring-cloud-function-web's {@code /<function-name>} endpoints bypass authentication:
 * they stay unreachable unless the local-only setting {@code securemodel.local.expose-functions=true} asks for them
 * (for invoking a worker by hand with a sample event).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
public class LocalApiConfiguration {

    @Bean
    LocalApiBridge localApiBridge(HttpApiFunction httpApi, IdGenerator ids) {
        return new LocalApiBridge(httpApi, ids);
    }

    @Bean
    AbstractHandlerMapping localApiHandlerMapping(LocalApiBridge bridge, ErrorDispatchHandler errorDispatch,
                                                  FunctionCatalog functions,
                                                  @Value("${securemodel.local.expose-functions:false}") boolean expose,
                                                  @Value("${securemodel.console.enabled:false}") boolean console) {
        Set<String> exposed = expose ? Set.copyOf(functions.getNames(null)) : Set.of();
        ConsoleStaticHandler consoleFiles = console
                ? new ConsoleStaticHandler(LocalApiConfiguration.class.getClassLoader()) : null;
        AbstractHandlerMapping mapping = new AbstractHandlerMapping() {
            @Override
            protected Object getHandlerInternal(HttpServletRequest request) {
                if (request.getDispatcherType() == DispatcherType.ERROR) {
                    return errorDispatch;
                }
                String path = request.getRequestURI().substring(request.getContextPath().length());
                if (consoleFiles != null && ConsoleStaticHandler.owns(path)) {
                    return consoleFiles;
                }
                return exposed.contains(path.startsWith("/") ? path.substring(1) : path) ? null : bridge;
            }
        };
        mapping.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return mapping;
    }

    /**
     * Lets Tomcat accept unencoded brackets in query strings, as API Gateway does, so that
     * {@code ?tags[environment]=production} works as typed (Tomcat otherwise answers 400 by itself).
     */
    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> bracketsInQueryStrings() {
        return factory -> factory.addConnectorCustomizers(
                connector -> connector.setProperty("relaxedQueryChars", "[]"));
    }
}
