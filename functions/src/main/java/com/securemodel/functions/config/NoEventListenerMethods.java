package com.securemodel.functions.config;

import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.BeanDefinitionRegistryPostProcessor;
import org.springframework.context.annotation.AnnotationConfigUtils;

/**
 * Takes Spring's {@code EventListenerMethodProcessor} out of the Lambda functions' context. Once the singletons exist,
 * that processor looks at every bean's class, lazy ones included, for {@code @EventListener} methods: it loads each
 * class and reflects over all its methods, which loads every type they name (the AWS SDK clients' interfaces name
 * every request and response class of their service). Measured on a cold start: that step took about 200 ms, and the
 * start is about 100 ms shorter without it (some of those classes are loaded later anyway). All for nothing: no class
 * in the Lambda jar (the service's, Spring's, Spring Cloud Function's, the AWS adapter's) declares an
 * {@code @EventListener} method; {@code AwsJarContentsIT} fails the build if one ever does. Listeners that implement
 * {@code ApplicationListener} are registered as before (by the context, not by this processor). Registered by
 * {@code LambdaApplication} only: the web server modes keep the processor.
 */
public final class NoEventListenerMethods implements BeanDefinitionRegistryPostProcessor {

    @Override
    public void postProcessBeanDefinitionRegistry(BeanDefinitionRegistry registry) {
        if (registry.containsBeanDefinition(AnnotationConfigUtils.EVENT_LISTENER_PROCESSOR_BEAN_NAME)) {
            registry.removeBeanDefinition(AnnotationConfigUtils.EVENT_LISTENER_PROCESSOR_BEAN_NAME);
        }
    }
}
