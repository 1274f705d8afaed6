package com.securemodel.batch;

import com.securemodel.functions.config.TierProperties;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.PropertiesPropertySourceLoader;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.core.io.ClassPathResource;

/**
 * The subscription tiers as the service's functions see them: the functions' {@code application.properties} (on the
 * runner's classpath), overridden by the same environment variables ({@code SECUREMODEL_DEFAULT_TIER},
 * {@code SECUREMODEL_TIERS_<NAME>_TOKENS_PER_PERIOD}, ...), bound with Spring Boot's binder and no application
 * context.
 */
final class RunnerTiers {

    private RunnerTiers() {
    }

    static TierProperties load(Map<String, String> env) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().remove(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME);
        environment.getPropertySources().remove(StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME);
        environment.getPropertySources().addFirst(new SystemEnvironmentPropertySource("runner-environment",
                new HashMap<>(env)));
        ClassPathResource functions = new ClassPathResource("application.properties");
        try {
            // without the functions' file (a trimmed jar) only the environment names tiers: unlimited if none
            for (PropertySource<?> settings : functions.exists()
                    ? new PropertiesPropertySourceLoader().load("application.properties", functions)
                    : List.<PropertySource<?>>of()) {
                environment.getPropertySources().addLast(settings);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the functions' application.properties", e);
        }
        ConfigurationPropertySources.attach(environment);
        return Binder.get(environment).bindOrCreate("securemodel", TierProperties.class);
    }
}
