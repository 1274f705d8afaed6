package com.securemodel.functions.tokens;

import com.securemodel.core.tokens.TokenCounter;
import com.securemodel.functions.config.S3Storage;
import com.securemodel.functions.config.ServiceProperties;
import java.time.Clock;
import java.time.Duration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;

/**
 * The {@link TokenCounter} of {@code /utils/token_counter}. On AWS its Hugging Face tokenizers come from the service
 * bucket ({@code securemodel.service-bucket}, key {@code models/<model id>/tokenizer.json}; none when unset); local
 * mode adds the models directory and the GGUF vocabularies ({@link LocalTokenizerConfiguration}).
 */
@Configuration(proxyBeanMethods = false)
public class TokenCounterConfiguration {

    /** Models whose tokenizers stay loaded (a large vocabulary takes tens of megabytes). */
    static final int CAPACITY = 8;
    /** How long a model without a tokenizer of its own is not looked up again. */
    static final Duration MISS_TTL = Duration.ofMinutes(1);

    @Bean
    TokenCounter tokenCounter(ObjectProvider<TokenizerFiles> files, ObjectProvider<GgufModels> ggufs, Clock clock) {
        return new ModelTokenCounter(files.getIfAvailable(() -> TokenizerFiles.NONE),
                ggufs.getIfAvailable(() -> GgufModels.NONE), CAPACITY, MISS_TTL, clock);
    }

    @Bean
    @Profile("!local")
    TokenizerFiles serviceBucketTokenizerFiles(ServiceProperties properties, S3Storage s3) {
        String bucket = properties.serviceBucket();
        return bucket == null || bucket.isBlank() ? TokenizerFiles.NONE : new S3TokenizerFiles(s3, bucket);
    }
}
