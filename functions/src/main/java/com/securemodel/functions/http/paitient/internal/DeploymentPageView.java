package com.securemodel.functions.http.paitient.internal;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.securemodel.core.deployment.Deployment;
import com.securemodel.core.deployment.Page;
import java.util.List;

/** The body of {@code GET /v1/deployments}: the page and its {@code pagination}. */
public record DeploymentPageView(List<DeploymentView> deployments, Pagination pagination) {

    /** {@code next_offset} is null on the last page. */
    public record Pagination(int total, int limit, int offset,
                             @JsonInclude(JsonInclude.Include.ALWAYS) Integer nextOffset) {
    }

    public static DeploymentPageView of(Page<Deployment> page, String publicBaseUrl) {
        return new DeploymentPageView(page.items().stream().map(d -> DeploymentView.of(d, publicBaseUrl)).toList(),
                new Pagination(page.total(), page.limit(), page.offset(), page.nextOffset()));
    }
}
