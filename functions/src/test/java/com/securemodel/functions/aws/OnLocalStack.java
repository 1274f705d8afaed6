package com.securemodel.functions.aws;

import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs an adapter IT's tests against LocalStack (Testcontainers' LocalStack module) instead of the local cloud: a
 * subclass of the IT with this annotation is the same set of tests on the second backend. Without a Docker engine
 * (as on the machines this project is built on) the class is skipped with a one-line reason.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Inherited
@ExtendWith(AwsBackendExtension.class)
public @interface OnLocalStack {
}
