package com.securemodel.functions.http.paitient.internal;

import com.securemodel.core.model.ModelRegistry;
import com.securemodel.functions.http.routing.ApiRequest;
import com.securemodel.functions.http.routing.ApiResponse;

/** {@code GET /v1/models}: the catalog. */
public final class ModelHandlers {

    private final ModelRegistry models;

    public ModelHandlers(ModelRegistry models) {
        this.models = models;
    }

    public ApiResponse list(ApiRequest request) {
        return ApiResponse.ok(new ModelView.ModelList(models.list().stream().map(ModelView::of).toList()));
    }
}
