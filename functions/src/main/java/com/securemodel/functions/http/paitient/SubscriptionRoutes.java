package com.securemodel.functions.http.paitient;

import com.securemodel.core.limits.SubscriptionService;
import com.securemodel.functions.http.paitient.internal.SubscriptionView;
import com.securemodel.functions.http.routing.ApiResponse;
import com.securemodel.functions.http.routing.DialectRoutes;
import com.securemodel.functions.http.routing.Route;
import java.util.List;

/**
 * {@code GET /v1/subscription} (PaiTIENT, {@code paitient-sdks.txt}): the caller's tier, its limits and its usage of
 * the billing period. A table of its own beside {@link PaitientRoutes}, with the same JSON and error shape.
 */
public final class SubscriptionRoutes extends DialectRoutes {

    /** Where every route and every path this table owns lies: the router makes it for these paths only. */
    public static final List<String> PATHS = List.of("/v1/subscription");

    public SubscriptionRoutes(SubscriptionService subscriptions) {
        super("paitient", PaitientJson.create(), new PaitientErrorFormat(), PATHS);
        define(List.of(Route.get("/v1/subscription",
                request -> ApiResponse.ok(SubscriptionView.of(subscriptions.get(request.clientId()))))));
    }
}
