package com.securemodel.functions.http.bytez.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.securemodel.core.bytez.BytezService;
import com.securemodel.core.bytez.LoadRequest;
import com.securemodel.core.bytez.ModelJobService;
import com.securemodel.functions.http.bytez.internal.BytezBodies.LoadBody;
import com.securemodel.functions.http.bytez.internal.BytezBodies.ModelBody;
import com.securemodel.functions.http.routing.ApiRequest;
import com.securemodel.functions.http.routing.ApiResponse;
import com.securemodel.functions.http.routing.RequestBodies;

/** {@code /model/list}, {@code job}, {@code load}, {@code status}, {@code instances}, {@code delete}. */
public final class BytezHandlers {

    private final ModelJobService jobs;
    private final BytezService bytez;
    private final ObjectMapper json;

    public BytezHandlers(ModelJobService jobs, BytezService bytez, ObjectMapper json) {
        this.jobs = jobs;
        this.bytez = bytez;
        this.json = json;
    }

    /** {@code GET /model/list[?task=]}. */
    public ApiResponse list(ApiRequest request) {
        String task = request.query().first("task").filter(t -> !t.isBlank()).orElse(null);
        return ApiResponse.ok(jobs.available(task).stream().map(BytezViews.ListedModel::of).toList());
    }

    /** {@code POST /model/job {model}}. */
    public ApiResponse job(ApiRequest request) {
        ModelBody body = RequestBodies.read(json, request, ModelBody.class);
        return ApiResponse.ok(BytezViews.job(jobs.submit(request.clientId(), body.model())));
    }

    /** {@code POST /model/load {model, concurrency, expirationPeriodSeconds}}. */
    public ApiResponse load(ApiRequest request) {
        LoadBody body = RequestBodies.read(json, request, LoadBody.class);
        var status = bytez.load(request.clientId(), new LoadRequest(body.model(), body.concurrency(),
                body.expirationPeriodSeconds(), body.precision()));
        return ApiResponse.ok(new BytezViews.Loaded(status.modelId(), "started", status.concurrency()));
    }

    /** {@code POST /model/status {model}}. */
    public ApiResponse status(ApiRequest request) {
        ModelBody body = RequestBodies.read(json, request, ModelBody.class);
        return ApiResponse.ok(BytezViews.status(bytez.status(request.clientId(), body.model())));
    }

    /** {@code GET /model/instances}. */
    public ApiResponse instances(ApiRequest request) {
        return ApiResponse.ok(bytez.instances(request.clientId()).stream().map(BytezViews::status).toList());
    }

    /** {@code POST /model/delete {model}}: the final status. */
    public ApiResponse delete(ApiRequest request) {
        ModelBody body = RequestBodies.read(json, request, ModelBody.class);
        return ApiResponse.ok(BytezViews.status(bytez.delete(request.clientId(), body.model())));
    }
}
