package com.securemodel.localstack.sagemaker.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * {@code CreateEndpoint}, {@code DescribeEndpoint}, {@code UpdateEndpoint}, {@code DeleteEndpoint} and
 * {@code ListEndpoints}.
 *
 * @see <a href="https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_DescribeEndpoint.html">DescribeEndpoint</a>
 * @see <a href="https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_UpdateEndpoint.html">UpdateEndpoint</a>
 * @see <a href="https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_ListEndpoints.html">ListEndpoints</a>
 */
final class EndpointOperations {

    /** The emulated account's quota "ml.X for endpoint usage", per instance type. */
    static final int INSTANCE_QUOTA = 8;

    private final ResourceStore store;
    private final ModelOperations models;

    EndpointOperations(ResourceStore store, ModelOperations models) {
        this.store = store;
        this.models = models;
    }

    ObjectNode createEndpoint(JsonNode request, String region) {
        String name = Names.requireName(request, "EndpointName");
        EndpointConfigResource config = models.config(Names.requireText(request, "EndpointConfigName"), region);
        String arn = Arns.of(region, "endpoint", name);
        synchronized (store) {
            if (store.endpoint(name) != null) {
                throw AwsErrorException.validation("Cannot create already existing endpoint \"" + arn + "\".");
            }
            checkQuota(config, null);
            EndpointState endpoint = new EndpointState(name, arn, config, store.now());
            store.endpoints().put(Names.key(name), endpoint);
            store.deploy(endpoint, config);
        }
        return Json.object().put("EndpointArn", arn);
    }

    ObjectNode updateEndpoint(JsonNode request, String region) {
        EndpointState endpoint = endpoint(Names.requireText(request, "EndpointName"), region);
        EndpointConfigResource config = models.config(Names.requireText(request, "EndpointConfigName"), region);
        synchronized (store) {
            checkQuota(config, endpoint);
            endpoint.startUpdate(config, store.now());
            store.deploy(endpoint, config);
        }
        return Json.object().put("EndpointArn", endpoint.view().arn());
    }

    ObjectNode describeEndpoint(JsonNode request, String region) {
        EndpointState.View view = endpoint(Names.requireText(request, "EndpointName"), region).view();
        ObjectNode response = summary(view).put("EndpointConfigName", view.config().name());
        if (view.failureReason() != null) {
            response.put("FailureReason", view.failureReason());
        }
        ArrayNode variants = response.putArray("ProductionVariants");
        for (VariantSpec spec : view.config().variants()) {
            ObjectNode variant = variants.addObject().put("VariantName", spec.variantName());
            ModelResource model = store.models().get(Names.key(spec.modelName()));
            String image = model == null ? "" : model.container().path("Image").asText("");
            variant.putArray("DeployedImages").addObject().put("SpecifiedImage", image).put("ResolvedImage", image)
                    .put("ResolutionTime", Json.epochSeconds(view.created()));
            int current = view.serving() == null ? 0 : view.serving().pools().stream()
                    .filter(p -> p.variantName().equals(spec.variantName())).mapToInt(InstancePool::size).sum();
            variant.put("CurrentWeight", spec.initialVariantWeight())
                    .put("DesiredWeight", spec.initialVariantWeight())
                    .put("CurrentInstanceCount", current)
                    .put("DesiredInstanceCount", view.serving() == null ? spec.initialInstanceCount() : current);
        }
        return response;
    }

    ObjectNode deleteEndpoint(JsonNode request, String region) {
        String name = Names.requireText(request, "EndpointName");
        EndpointState endpoint = store.endpoints().remove(Names.key(name));
        if (endpoint == null) {
            throw notFound(name, region);
        }
        endpoint.remove();
        return Json.object();
    }

    ObjectNode listEndpoints(JsonNode request) {
        String nameContains = Json.text(request, "NameContains");
        String status = Json.text(request, "StatusEquals");
        int maxResults = request.path("MaxResults").asInt(10);
        if (maxResults < 1 || maxResults > 100) {
            throw Names.constraint(maxResults, "MaxResults",
                    "Member must have value less than or equal to 100 and greater than or equal to 1");
        }
        int offset = offset(Json.text(request, "NextToken"));
        List<EndpointState.View> views = store.allEndpoints().stream().map(EndpointState::view)
                .filter(v -> nameContains == null || v.name().toLowerCase(Locale.ROOT)
                        .contains(nameContains.toLowerCase(Locale.ROOT)))
                .filter(v -> status == null || v.status().equals(status))
                .sorted(order(request))
                .toList();
        ObjectNode response = Json.object();
        ArrayNode page = response.putArray("Endpoints");
        views.stream().skip(offset).limit(maxResults).forEach(v -> page.add(summary(v)));
        if (offset + maxResults < views.size()) {
            response.put("NextToken", Integer.toString(offset + maxResults));
        }
        return response;
    }

    private static Comparator<EndpointState.View> order(JsonNode request) {
        Comparator<EndpointState.View> order = switch (request.path("SortBy").asText("CreationTime")) {
            case "Name" -> Comparator.comparing(v -> v.name().toLowerCase(Locale.ROOT));
            case "Status" -> Comparator.comparing(EndpointState.View::status);
            case "CreationTime" -> Comparator.comparing(EndpointState.View::created);
            default -> throw Names.constraint(request.get("SortBy").asText(), "SortBy",
                    "Member must satisfy enum value set: [Name, CreationTime, Status]");
        };
        return switch (request.path("SortOrder").asText("Descending")) {
            case "Descending" -> order.reversed();
            case "Ascending" -> order;
            default -> throw Names.constraint(request.get("SortOrder").asText(), "SortOrder",
                    "Member must satisfy enum value set: [Ascending, Descending]");
        };
    }

    private static int offset(String nextToken) {
        if (nextToken == null) {
            return 0;
        }
        try {
            return Integer.parseInt(nextToken);
        } catch (NumberFormatException e) {
            throw AwsErrorException.validation("Invalid pagination token: pass the NextToken of the previous"
                    + " ListEndpoints response unchanged.");
        }
    }

    private static ObjectNode summary(EndpointState.View view) {
        return Json.object().put("EndpointName", view.name()).put("EndpointArn", view.arn())
                .put("CreationTime", Json.epochSeconds(view.created()))
                .put("LastModifiedTime", Json.epochSeconds(view.lastModified()))
                .put("EndpointStatus", view.status());
    }

    private EndpointState endpoint(String name, String region) {
        EndpointState endpoint = store.endpoint(name);
        if (endpoint == null) {
            throw notFound(name, region);
        }
        return endpoint;
    }

    private static AwsErrorException notFound(String name, String region) {
        return AwsErrorException.validation("Could not find endpoint \"" + Arns.of(region, "endpoint", name) + "\".");
    }

    private void checkQuota(EndpointConfigResource config, EndpointState replaced) {
        for (VariantSpec variant : config.variants()) {
            String type = variant.instanceType();
            int delta = config.variants().stream().filter(v -> v.instanceType().equals(type))
                    .mapToInt(VariantSpec::initialInstanceCount).sum();
            int used = store.allEndpoints().stream().filter(e -> e != replaced)
                    .flatMap(e -> e.configInUse().variants().stream())
                    .filter(v -> v.instanceType().equals(type)).mapToInt(VariantSpec::initialInstanceCount).sum();
            if (used + delta > INSTANCE_QUOTA) {
                throw AwsErrorException.controlPlane("ResourceLimitExceeded", "The account-level service limit '"
                        + type + " for endpoint usage' is " + INSTANCE_QUOTA + " Instances, with current"
                        + " utilization of " + used + " Instances and a request delta of " + delta + " Instances."
                        + " Please use AWS Service Quotas to request an increase for this quota.");
            }
        }
    }
}
