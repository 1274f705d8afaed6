package com.securemodel.functions;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The Secure Model Service functions: on Lambda the AWS adapter's {@code FunctionInvoker} runs the function named
 * by {@code spring.cloud.function.definition}; locally ({@code --spring.profiles.active=local}) it is a web server
 * with the embedded local cloud, exposing each function at {@code /<function-name>}.
 */
@SpringBootApplication(proxyBeanMethods = false)
@ConfigurationPropertiesScan
public class SecureModelApplication {

    public static void main(String[] args) {
        SpringApplication.run(SecureModelApplication.class, args);
    }
}
