package com.securemodel.functions.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;

/** Serves one API Gateway v2 event onto an output that may stream: what web servers call ({@link HttpApiFunction}). */
@FunctionalInterface
public interface HttpApiServer {

    void serve(APIGatewayV2HTTPEvent event, ResponseOutput output);
}
