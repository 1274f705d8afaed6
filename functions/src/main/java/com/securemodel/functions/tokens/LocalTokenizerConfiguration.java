package com.securemodel.functions.tokens;

import com.securemodel.localstack.LocalCloud;
import com.securemodel.localstack.llm.FileModelCatalog;
import com.securemodel.localstack.llm.ModelLoadException;
import com.securemodel.functions.tokens.internal.ModelIds;
import java.util.Optional;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;

/**
 * Local mode's tokenizer sources, both in the local cloud's models directory: Hugging Face files under
 * {@code <models dir>/tokenizers/<model id>/}, and each model's GGUF file as the local cloud's catalog maps it
 * ({@code catalog.properties}, {@code <name>.gguf}, the generated tiny model). The only class of this package that
 * uses the {@code localstack} module, which the Lambda jar does not hold: Spring reads this class's profile without
 * loading it.
 */
@Configuration(proxyBeanMethods = false)
@Profile("local")
public class LocalTokenizerConfiguration {

    @Bean
    TokenizerFiles localTokenizerFiles(LocalCloud cloud) {
        return new DirectoryTokenizerFiles(cloud.modelsDir().resolve("tokenizers"));
    }

    @Bean
    GgufModels localGgufModels(LocalCloud cloud) {
        FileModelCatalog catalog = new FileModelCatalog(cloud.modelsDir());
        return modelId -> {
            if (!ModelIds.canNameFile(modelId)) {
                return Optional.empty();
            }
            try {
                return Optional.of(catalog.resolve(modelId));
            } catch (ModelLoadException e) {
                return Optional.empty();
            }
        };
    }
}
