package com.securemodel.functions.http;

import com.securemodel.core.IdGenerator;
import com.securemodel.core.ServiceSettings;
import com.securemodel.core.deployment.DeploymentService;
import com.securemodel.core.generation.GenerationService;
import com.securemodel.core.model.ModelRegistry;
import com.securemodel.core.tenant.Authenticator;
import com.securemodel.functions.http.paitient.PaitientRoutes;
import com.securemodel.functions.http.routing.Router;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The HTTP function {@code httpApi} and its router. The router's table list is the one place a dialect is
 * plugged in (Bytez and OpenAI-compatible tables join PaiTIENT here); the first table's error shape serves
 * requests that match no route.
 */
@Configuration(proxyBeanMethods = false)
public class HttpApiConfiguration {

    @Bean
    PaitientRoutes paitientRoutes(DeploymentService deployments, GenerationService generation, ModelRegistry models,
                                  ServiceSettings settings) {
        return new PaitientRoutes(deployments, generation, models, settings);
    }

    @Bean
    Router httpRouter(PaitientRoutes paitient) {
        return new Router(List.of(paitient, new HealthRoutes()));
    }

    @Bean
    HttpApiFunction httpApi(Router httpRouter, Authenticator authenticator, IdGenerator ids) {
        return new HttpApiFunction(httpRouter, authenticator, ids);
    }
}
