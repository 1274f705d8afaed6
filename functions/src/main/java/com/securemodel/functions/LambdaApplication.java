package com.securemodel.functions;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.cloud.function.adapter.aws.AWSCompanionAutoConfiguration;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * The functions as Lambda starts them: the application without a web server, plus the AWS adapter's companion
 * configuration that its {@code FunctionInvoker} adds. The build runs Spring's ahead-of-time processing on this class
 * ({@code process-aot}), so that on Lambda ({@code MAIN_CLASS} names this class, {@code -Dspring.aot.enabled=true})
 * the context starts from generated bean registrations instead of scanning packages, parsing configuration classes
 * and evaluating auto-configuration conditions at every cold start.
 */
@Configuration(proxyBeanMethods = false)
@Import({SecureModelApplication.class, AWSCompanionAutoConfiguration.class})
public class LambdaApplication {

    /** What the AWS adapter's {@code FunctionInvoker} passes when it starts the application. */
    static final String[] INVOKER_ARGUMENTS = {"--spring.cloud.function.web.export.enabled=false",
        "--spring.main.web-application-type=none"};

    public static void main(String[] args) {
        SpringApplication application = new SpringApplication(LambdaApplication.class);
        application.setWebApplicationType(WebApplicationType.NONE);
        application.run(args.length == 0 ? INVOKER_ARGUMENTS : args);
    }
}
