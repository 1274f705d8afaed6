package com.securemodel.functions.http.local;

import com.securemodel.core.IdGenerator;
import com.securemodel.functions.http.routing.Router;
import org.apache.catalina.core.StandardHost;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Keeps every answer of the web server (locally, and the streaming web app behind the Lambda Web Adapter) in the
 * API's JSON error shapes: Tomcat's own rejections go through {@link JsonErrorReportValve} instead of its HTML
 * report, error dispatches through {@link ErrorDispatchHandler} instead of Spring Boot's {@code /error}, and
 * {@code TRACE} reaches the router (which answers 405 in the dialect's shape) instead of Tomcat's empty 405, and
 * never {@code HttpServlet.doTrace}, which would echo the request's headers, {@code Authorization} included
 * ({@code spring.mvc.dispatch-trace-request=true} in {@code application.properties}). Tomcat's loggers that print
 * rejected header lines, cookies or parameters are kept at {@code warn} there too.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
public class WebServerHardening {

    @Bean
    WebServerErrors webServerErrors(Router router, IdGenerator ids) {
        return new WebServerErrors(router, ids);
    }

    @Bean
    ErrorDispatchHandler errorDispatchHandler(WebServerErrors errors) {
        return new ErrorDispatchHandler(errors);
    }

    /**
     * Installs {@link JsonErrorReportValve} as the host's error report valve: the host adds its default one at start
     * only when no valve of the configured class is in its pipeline.
     */
    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> jsonErrorReports(WebServerErrors errors) {
        return factory -> {
            factory.addConnectorCustomizers(connector -> connector.setAllowTrace(true));
            factory.addContextCustomizers(context -> {
                if (context.getParent() instanceof StandardHost host) {
                    host.setErrorReportValveClass(JsonErrorReportValve.class.getName());
                    host.getPipeline().addValve(new JsonErrorReportValve(errors));
                } else {
                    throw new IllegalStateException("The Tomcat context has no host yet: cannot install the JSON"
                            + " error report valve");
                }
            });
        };
    }
}
