package com.securemodel.functions;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.securemodel.functions.config.NoEventListenerMethods;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.jackson.JacksonAutoConfiguration;
import org.springframework.boot.autoconfigure.task.TaskExecutionAutoConfiguration;
import org.springframework.cloud.function.adapter.aws.AWSCompanionAutoConfiguration;
import org.springframework.cloud.function.adapter.aws.AwsEventConverters;
import org.springframework.cloud.function.context.config.JsonMessageConverter;
import org.springframework.cloud.function.json.JacksonMapper;
import org.springframework.cloud.function.json.JsonMapper;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/**
 * The functions as Lambda starts them: the application without a web server, plus what the AWS adapter's companion
 * configuration ({@code AWSCompanionAutoConfiguration}, which its {@code FunctionInvoker} adds) provides. The build
 * runs Spring's ahead-of-time processing on this class ({@code process-aot}), so that on Lambda ({@code MAIN_CLASS}
 * names this class, {@code -Dspring.aot.enabled=true}) the context starts from generated bean registrations instead of
 * scanning packages, parsing configuration classes and evaluating auto-configuration conditions at every cold start.
 *
 * <p>Without Spring Boot's Jackson auto-configuration: no function takes the context's {@code ObjectMapper} (each
 * dialect builds its own strict mappers), and the adapter's {@code JsonMapper}, which reads and writes the Lambda
 * events, then starts from a plain mapper with the same settings that matter for events (unknown properties ignored,
 * Java time module). What it saves at a cold start: Boot's scan of every bean for {@code @JsonComponent} and the
 * modules no event needs. That mapper is this class's {@link #jsonMapper()}: Spring Cloud Function's own registers
 * the Joda module besides, about 90 classes at every cold start, for the one event type with a Joda field
 * ({@code ScheduledEvent}), which no function takes ({@code expirySweep} reads its schedule event as a map).
 *
 * <p>Without Boot's task executor either: no function runs work on Spring's executor (the flushers and timers have
 * threads of their own), and Spring Framework picks that executor up at every start as its {@code bootstrapExecutor},
 * building the pool, its builder and its bound properties (a step of about 55 ms at a cold start).
 *
 * <p>Without the adapter's companion configuration itself, whose one bean, the converter of the AWS event types, is
 * this class's {@link #lambdaEventConverter}: that class is a full {@code @Configuration}, so every cold start
 * initialized its CGLIB subclass (about 80 CGLIB classes loaded and the proxy's class looked up, some 25 ms on the
 * main thread) for one factory method. Where the generated registrations are not used ({@code spring.aot.enabled}
 * unset), {@code FunctionInvoker} adds that configuration as a source all the same: its converter then sits beside
 * this one (another name, the same conversions), which does no harm.
 *
 * <p>Deliberately not a {@code @Configuration}: that would make it a component of {@link SecureModelApplication}'s
 * package scan, and its exclusions and {@link NoEventListenerMethods} would then reach the web server modes (local,
 * stream) as well, which keep Boot's Jackson, its task executor (Spring MVC's asynchronous requests use it) and
 * Spring's {@code @EventListener} processor. As the application's primary source it is processed all the same: its
 * imports, its auto-configuration and its {@code @Bean} methods.
 */
@EnableAutoConfiguration(exclude = {JacksonAutoConfiguration.class, TaskExecutionAutoConfiguration.class,
        AWSCompanionAutoConfiguration.class})
@Import(SecureModelApplication.class)
public class LambdaApplication {

    /** No {@code @EventListener} method exists in the Lambda jar: see {@link NoEventListenerMethods}. */
    @Bean
    static NoEventListenerMethods noEventListenerMethods() {
        return new NoEventListenerMethods();
    }

    /**
     * The adapter's mapper for the Lambda events (in place of Spring Cloud Function's, which backs off): what that one
     * sets up without the context's {@code ObjectMapper} (unknown properties ignored, empty beans written, Java time),
     * without the Joda module.
     */
    @Bean
    JsonMapper jsonMapper() {
        return new JacksonMapper(new ObjectMapper().registerModule(new JavaTimeModule())
                .configure(SerializationFeature.FAIL_ON_EMPTY_BEANS, false)
                .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false));
    }

    /**
     * The adapter's converter of the AWS event types (API Gateway, SQS, ...) for the functions' messages, as
     * {@code AWSCompanionAutoConfiguration} makes it, with {@link #jsonMapper()}.
     */
    @Bean
    static JsonMessageConverter lambdaEventConverter(JsonMapper jsonMapper) {
        return AwsEventConverters.awsTypes(jsonMapper);
    }

    /** Run by the build's {@code process-aot}, with the properties that {@code FunctionInvoker} passes. */
    public static void main(String[] args) {
        SpringApplication application = new SpringApplication(LambdaApplication.class);
        application.setWebApplicationType(WebApplicationType.NONE);
        application.run(args);
    }
}
