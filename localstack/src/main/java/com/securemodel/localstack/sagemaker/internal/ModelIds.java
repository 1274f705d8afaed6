package com.securemodel.localstack.sagemaker.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.securemodel.localstack.llm.ModelLoadException;

/**
 * Which catalog model id a SageMaker model's container serves.
 *
 * <ol>
 *   <li>{@code Environment.HF_MODEL_ID}, what the TGI, LMI and vLLM containers read (for example
 *       {@code securemodel/tiny-random-llama}), unless it is a local path such as {@code /opt/ml/model};</li>
 *   <li>else the S3 key of {@code ModelDataUrl} (or {@code ModelDataSource.S3DataSource.S3Uri}) without the bucket,
 *       a trailing {@code /}, a {@code /model.tar.gz} file name or a {@code .tar.gz}/{@code .gguf} suffix:
 *       {@code s3://bucket/ZimaBlueAI/HuatuoGPT-o1-8B/model.tar.gz} serves {@code ZimaBlueAI/HuatuoGPT-o1-8B}.</li>
 * </ol>
 */
final class ModelIds {

    private ModelIds() {
    }

    static String of(ModelResource model) {
        JsonNode container = model.container();
        String hfModelId = Json.text(container.path("Environment"), "HF_MODEL_ID");
        if (hfModelId != null && !hfModelId.isBlank() && !hfModelId.startsWith("/")) {
            return hfModelId;
        }
        String url = Json.text(container, "ModelDataUrl");
        if (url == null) {
            url = Json.text(container.path("ModelDataSource").path("S3DataSource"), "S3Uri");
        }
        if (url == null) {
            throw new ModelLoadException("Model '" + model.name() + "' names no model: set the container's"
                    + " Environment HF_MODEL_ID to a catalog model id (for example securemodel/tiny-random-llama)"
                    + " or its ModelDataUrl to s3://<bucket>/<model id>/model.tar.gz");
        }
        return fromS3Url(url);
    }

    static String fromS3Url(String url) {
        String key = url.replaceFirst("^[a-zA-Z0-9]+://[^/]*/?", "");
        key = key.replaceAll("/+$", "")
                .replaceFirst("/model\\.tar\\.gz$", "")
                .replaceFirst("\\.(tar\\.gz|gguf)$", "");
        if (key.isEmpty()) {
            throw new ModelLoadException("ModelDataUrl '" + url + "' has no object key to take a model id from:"
                    + " use s3://<bucket>/<model id>/model.tar.gz or set Environment HF_MODEL_ID");
        }
        return key;
    }
}
