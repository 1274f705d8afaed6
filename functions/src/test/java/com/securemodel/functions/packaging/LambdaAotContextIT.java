package com.securemodel.functions.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.securemodel.functions.LambdaApplication;
import com.securemodel.functions.SecureModelApplication;
import com.securemodel.functions.http.ApiEvents;
import com.securemodel.functions.http.HttpApiInvocations;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.springframework.aot.AotDetector;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.cloud.function.adapter.aws.AWSCompanionAutoConfiguration;
import org.springframework.cloud.function.adapter.aws.AWSLambdaUtils;
import org.springframework.cloud.function.context.FunctionCatalog;
import org.springframework.cloud.function.context.catalog.SimpleFunctionRegistry.FunctionInvocationWrapper;
import org.springframework.cloud.function.json.JsonMapper;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.AnnotationConfigUtils;
import org.springframework.context.annotation.Bean;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageHeaders;
import org.springframework.messaging.converter.MessageConverter;

/**
 * The bean registrations that the build generated for Lambda (Spring AOT on {@link LambdaApplication}, used where
 * {@code spring.aot.enabled=true}) against the context the same class builds at run time: the same application beans
 * (conditions evaluated at build time as at run time in Lambda's mode), every function the catalog names found, and
 * {@code httpApi} answering. Runs after {@code package}, where {@code process-aot} has generated the classes.
 */
class LambdaAotContextIT {

    private static final String[] ARGS = {"--spring.cloud.function.web.export.enabled=false",
        "--spring.main.web-application-type=none", "--securemodel.table-name=securemodel",
        "--securemodel.region=us-east-1", "--spring.cloud.function.definition=httpApi"};

    @Test
    void aotContext_registersTheRegularContextsApplicationBeans_findsEveryFunction_andAnswersHealth()
            throws IOException {
        // given
        Set<String> regular;
        Set<String> functions;
        try (ConfigurableApplicationContext context = start()) {
            assertThat(AotDetector.useGeneratedArtifacts()).isFalse();
            regular = applicationBeans(context);
            functions = context.getBean(FunctionCatalog.class).getNames(null);
        }

        // when
        System.setProperty("spring.aot.enabled", "true");
        try (ConfigurableApplicationContext context = start()) {
            assertThat(AotDetector.useGeneratedArtifacts()).isTrue();

            // then
            assertThat(applicationBeans(context)).isEqualTo(regular);
            FunctionCatalog catalog = context.getBean(FunctionCatalog.class);
            assertThat(functions).contains("httpApi", "deploymentWorker", "asyncRequestWorker", "modelJobWorker",
                    "webhookWorker", "expirySweep");
            assertThat(catalog.getNames(null)).containsExactlyInAnyOrderElementsOf(functions);
            functions.forEach(name -> assertThat((Object) catalog.lookup(name)).as(name).isNotNull());
            APIGatewayV2HTTPResponse health = HttpApiInvocations.invoke(catalog, ApiEvents.load("health.json"));
            assertThat(health.getStatusCode()).as(health.getBody()).isEqualTo(200);
            assertThat(health.getBody()).contains("\"status\":\"ok\"");
            // the answer passes the adapter as bytes: its JSON converter, which parses every answer, does not run
            FunctionInvocationWrapper http = catalog.lookup("httpApi", "application/json");
            Object answer = http.apply(AWSLambdaUtils.generateMessage(new ByteArrayInputStream(Files.readAllBytes(
                    Path.of("..", "events", "apigw", "health.json"))), http.getInputType(), false, null, null));
            assertThat(String.valueOf(((Message<?>) answer).getHeaders().get(MessageHeaders.CONTENT_TYPE)))
                    .isEqualTo("application/octet-stream");
            // no Boot Jackson on Lambda (see LambdaApplication): the adapter's mapper writes what Lambda reads
            assertThat(context.getBeanNamesForType(ObjectMapper.class)).isEmpty();
            String partial = new String(context.getBean(JsonMapper.class).toJson(SQSBatchResponse.builder()
                    .withBatchItemFailures(List.of(new SQSBatchResponse.BatchItemFailure("m-1"))).build()),
                    StandardCharsets.UTF_8);
            assertThat(partial).isEqualTo("{\"batchItemFailures\":[{\"itemIdentifier\":\"m-1\"}]}");
            // the Lambda mapper is LambdaApplication's, without Joda: the sweep reads its EventBridge event as a map
            assertThat(context.getBeanNamesForType(JsonMapper.class)).containsExactly("jsonMapper");
            Map<?, ?> schedule = context.getBean(JsonMapper.class).fromJson(
                    Files.readAllBytes(Path.of("..", "events", "eventbridge", "scheduled.json")), Map.class);
            assertThat(schedule.get("detail-type")).isEqualTo("Scheduled Event");
            assertThat(catalog.<FunctionInvocationWrapper>lookup("expirySweep").getRawInputType())
                    .isEqualTo(Map.class);
            // the adapter's event converter without its companion configuration, whose CGLIB subclass a cold start
            // would initialize (see LambdaApplication): no bean of the context is a CGLIB subclass
            assertThat(context.getBeansOfType(MessageConverter.class).entrySet().stream()
                    .filter(bean -> bean.getValue().getClass().getSimpleName().equals("AWSTypesMessageConverter"))
                    .map(Map.Entry::getKey)).containsExactly("lambdaEventConverter");
            assertThat(context.getBeanNamesForType(AWSCompanionAutoConfiguration.class)).isEmpty();
            var factory = context.getBeanFactory();
            assertThat(Arrays.stream(factory.getBeanDefinitionNames()).map(factory::getType)
                    .filter(type -> type != null && type.getName().contains("$$SpringCGLIB$$"))).isEmpty();
            // left out at a cold start (see LambdaApplication): Boot's task executor, Spring's @EventListener processor
            assertThat(context.containsBean("applicationTaskExecutor")).isFalse();
            assertThat(context.containsBean(AnnotationConfigUtils.EVENT_LISTENER_PROCESSOR_BEAN_NAME)).isFalse();
        } finally {
            System.clearProperty("spring.aot.enabled");
        }
    }

    /**
     * The Lambda start class makes the one bean of the adapter's companion configuration itself and leaves that
     * configuration out (see {@code LambdaApplication}): an adapter upgrade that gives it another bean fails here,
     * not silently on Lambda.
     */
    @Test
    void adaptersCompanionConfiguration_stillHasOnlyTheConverterThatTheLambdaStartClassMakes() {
        assertThat(Arrays.stream(AWSCompanionAutoConfiguration.class.getDeclaredMethods())
                .filter(method -> method.isAnnotationPresent(Bean.class))
                .map(method -> method.getName() + " -> " + method.getReturnType().getSimpleName()))
                .containsExactly("awsTypesMessageConverter -> AWSTypesMessageConverter");
    }

    /**
     * What the Lambda start class leaves out stays out of the application's other modes (the web server's): it is not
     * a component of their package scan.
     */
    @Test
    void applicationWithoutTheLambdaStartClass_keepsBootsJacksonTaskExecutorAndEventListenerProcessor() {
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(SecureModelApplication.class)
                .web(WebApplicationType.NONE).run(ARGS)) {
            assertThat(context.getBeanNamesForType(ObjectMapper.class)).isNotEmpty();
            assertThat(context.containsBean("applicationTaskExecutor")).isTrue();
            assertThat(context.containsBean(AnnotationConfigUtils.EVENT_LISTENER_PROCESSOR_BEAN_NAME)).isTrue();
            assertThat(context.containsBean("noEventListenerMethods")).isFalse();
        }
    }

    private static ConfigurableApplicationContext start() {
        return new SpringApplicationBuilder().main(LambdaApplication.class).sources(LambdaApplication.class)
                .web(WebApplicationType.NONE).run(ARGS);
    }

    /** The beans of the application and its auto-configurations (not the context's own infrastructure). */
    private static Set<String> applicationBeans(ConfigurableApplicationContext context) {
        var factory = context.getBeanFactory();
        return new TreeSet<>(Arrays.stream(factory.getBeanDefinitionNames())
                .filter(name -> factory.getBeanDefinition(name).getRole() == BeanDefinition.ROLE_APPLICATION)
                // the regular context's own processors (…annotation.internalConfigurationAnnotationProcessor,
                // …autoconfigure.internalCachingMetadataReaderFactory): what AOT replaces
                .filter(name -> !(name.startsWith("org.springframework.") && name.contains(".internal")))
                .toList());
    }
}
