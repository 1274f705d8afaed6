package com.securemodel.functions.http.local;

import com.securemodel.core.IdGenerator;
import com.securemodel.functions.http.HttpApiFunction;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.servlet.handler.SimpleUrlHandlerMapping;

/**
 * When the application runs as a web server (locally), maps the API's path patterns to {@link LocalApiBridge},
 * ahead of the annotated controllers, so REST requests reach {@code httpApi} while spring-cloud-function-web
 * keeps serving {@code /<function-name>}.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
public class LocalApiConfiguration {

    @Bean
    LocalApiBridge localApiBridge(HttpApiFunction httpApi, IdGenerator ids) {
        return new LocalApiBridge(httpApi, ids);
    }

    @Bean
    SimpleUrlHandlerMapping localApiHandlerMapping(LocalApiBridge bridge) {
        Map<String, Object> urls = new LinkedHashMap<>();
        LocalApiBridge.ROUTE_PATTERNS.forEach(pattern -> urls.put(pattern, bridge));
        return new SimpleUrlHandlerMapping(urls, Ordered.HIGHEST_PRECEDENCE + 10);
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
