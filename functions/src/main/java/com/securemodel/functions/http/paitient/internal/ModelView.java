package com.securemodel.functions.http.paitient.internal;

import com.securemodel.core.model.ModelInfo;
import java.util.List;

/** A model of {@code GET /v1/models}, with the reference's fields. */
public record ModelView(String id, String name, String version, String description, long parameters,
                        int contextLength, boolean supportedFineTuning) {

    /** The body of {@code GET /v1/models}. */
    public record ModelList(List<ModelView> models) {
    }

    public static ModelView of(ModelInfo model) {
        return new ModelView(model.id(), model.name(), model.version(), model.description(), model.parameters(),
                model.contextLength(), model.supportedFineTuning());
    }
}
