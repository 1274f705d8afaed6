package com.securemodel.functions.http.paitient.internal;

import com.securemodel.core.deployment.Page;
import com.securemodel.core.endpoint.Endpoint;
import com.securemodel.core.endpoint.Endpoint.Kind;
import com.securemodel.core.endpoint.Endpoint.Target;
import com.securemodel.core.endpoint.EndpointService;
import com.securemodel.functions.http.routing.ApiRequest;
import com.securemodel.functions.http.routing.ApiResponse;
import java.util.List;
import java.util.function.BiFunction;

/**
 * What {@code /v1/endpoints} and {@code /v1/canary-endpoints} share: create, list, get, retarget and delete of one
 * {@link Kind}, each one call of {@link EndpointService} written with that kind's views. The handlers read their
 * own bodies and pass the name and targets in.
 *
 * @param <V> the view of one endpoint
 * @param <P> the view of a page of them
 */
final class EndpointResource<V, P> {

    private final EndpointService endpoints;
    private final Kind kind;
    private final BiFunction<Endpoint, String, V> view;
    private final BiFunction<Page<Endpoint>, String, P> pageView;
    private final String publicBaseUrl;

    EndpointResource(EndpointService endpoints, Kind kind, BiFunction<Endpoint, String, V> view,
                     BiFunction<Page<Endpoint>, String, P> pageView, String publicBaseUrl) {
        this.endpoints = endpoints;
        this.kind = kind;
        this.view = view;
        this.pageView = pageView;
        this.publicBaseUrl = publicBaseUrl;
    }

    ApiResponse create(ApiRequest request, String name, List<Target> targets) {
        return ApiResponse.created(view.apply(endpoints.create(request.clientId(), kind, name, targets),
                publicBaseUrl));
    }

    ApiResponse list(ApiRequest request) {
        QueryValues.PageQuery page = QueryValues.page(request.query());
        return ApiResponse.ok(pageView.apply(endpoints.list(request.clientId(), kind, page.limit(), page.offset()),
                publicBaseUrl));
    }

    ApiResponse get(ApiRequest request) {
        return ApiResponse.ok(view.apply(find(request), publicBaseUrl));
    }

    ApiResponse retarget(ApiRequest request, List<Target> targets) {
        return ApiResponse.ok(view.apply(endpoints.retarget(request.clientId(), kind, id(request), targets),
                publicBaseUrl));
    }

    ApiResponse delete(ApiRequest request) {
        return ApiResponse.ok(EndpointViews.deleted(endpoints.delete(request.clientId(), kind, id(request))));
    }

    /** The endpoint the path names, of this kind. */
    Endpoint find(ApiRequest request) {
        return endpoints.get(request.clientId(), kind, id(request));
    }

    /** The {@code endpoint_id} path parameter. */
    static String id(ApiRequest request) {
        return request.pathParameter("endpoint_id");
    }
}
