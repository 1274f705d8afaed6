package com.securemodel.functions.http.local;

import com.securemodel.core.IdGenerator;
import com.securemodel.functions.http.HttpApiFunction;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Set;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
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

    /**
     * API requests go from this filter, the first of the chain, straight to the bridge: Spring MVC's filters, its
     * dispatcher and handler mapping add nothing to a call that the API function handles whole (about 0.1 ms of CPU a
     * call). The console's files, exposed functions and error dispatches continue down the chain, to
     * {@link #localApiHandlerMapping}.
     */
    @Bean
    FilterRegistrationBean<Filter> localApiFilter(LocalApiBridge bridge, LocalPaths paths) {
        Filter filter = (request, response, chain) -> {
            if (request instanceof HttpServletRequest http && response instanceof HttpServletResponse out
                    && paths.bridged(http)) {
                bridge.handleRequest(http, out);
            } else {
                chain.doFilter(request, response);
            }
        };
        FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>(filter);
        registration.setDispatcherTypes(DispatcherType.REQUEST);
        registration.addUrlPatterns("/*");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        registration.setName("localApiFilter");
        return registration;
    }

    @Bean
    LocalPaths localPaths(FunctionCatalog functions,
                          @Value("${securemodel.local.expose-functions:false}") boolean expose,
                          @Value("${securemodel.console.enabled:false}") boolean console) {
        return new LocalPaths(expose ? Set.copyOf(functions.getNames(null)) : Set.of(),
                console ? new ConsoleStaticHandler(LocalApiConfiguration.class.getClassLoader()) : null);
    }

    @Bean
    AbstractHandlerMapping localApiHandlerMapping(LocalApiBridge bridge, ErrorDispatchHandler errorDispatch,
                                                  LocalPaths paths) {
        AbstractHandlerMapping mapping = new AbstractHandlerMapping() {
            @Override
            protected Object getHandlerInternal(HttpServletRequest request) {
                if (request.getDispatcherType() == DispatcherType.ERROR) {
                    return errorDispatch;
                }
                String path = LocalPaths.path(request);
                if (paths.console(path)) {
                    return paths.consoleFiles();
                }
                return paths.exposed(path) ? null : bridge;
            }
        };
        mapping.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return mapping;
    }

    /**
     * Which requests are not the API's: the console's files (where it is enabled) and the functions exposed by
     * {@code securemodel.local.expose-functions}.
     */
    record LocalPaths(Set<String> exposedFunctions, ConsoleStaticHandler consoleFiles) {

        static String path(HttpServletRequest request) {
            return request.getRequestURI().substring(request.getContextPath().length());
        }

        /** @return whether the path is the console's (and the console is enabled) */
        boolean console(String path) {
            return consoleFiles != null && ConsoleStaticHandler.owns(path);
        }

        boolean exposed(String path) {
            return exposedFunctions.contains(path.startsWith("/") ? path.substring(1) : path);
        }

        /** @return whether the request goes to the API bridge */
        boolean bridged(HttpServletRequest request) {
            String path = path(request);
            return !console(path) && !exposed(path);
        }
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
