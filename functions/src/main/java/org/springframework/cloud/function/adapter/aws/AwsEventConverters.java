package org.springframework.cloud.function.adapter.aws;

import org.springframework.cloud.function.context.config.JsonMessageConverter;
import org.springframework.cloud.function.json.JsonMapper;

/**
 * The AWS adapter's converter of the AWS event types, which its package keeps to itself, made for
 * {@code com.securemodel.functions.LambdaApplication}: that class provides it in place of the adapter's companion
 * configuration, a full {@code @Configuration} whose CGLIB subclass every cold start initialized for this one bean.
 * In the adapter's package only because the converter's class is not public.
 */
public final class AwsEventConverters {

    private AwsEventConverters() {
    }

    /** @return the converter {@code AWSCompanionAutoConfiguration} makes, over {@code jsonMapper} */
    public static JsonMessageConverter awsTypes(JsonMapper jsonMapper) {
        return new AWSTypesMessageConverter(jsonMapper);
    }
}
