package com.securemodel.functions.http.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import com.securemodel.core.fakes.SequentialIdGenerator;
import jakarta.servlet.DispatcherType;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import com.securemodel.functions.http.HealthRoutes;
import com.securemodel.functions.http.routing.Router;
import jakarta.servlet.RequestDispatcher;
import org.springframework.mock.web.MockHttpServletResponse;
import org.junit.jupiter.api.Test;
import org.springframework.cloud.function.context.FunctionCatalog;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.servlet.HandlerExecutionChain;
import org.springframework.web.servlet.handler.AbstractHandlerMapping;

/**
 * Every web request goes to the API bridge; function endpoints only when the local-only setting exposes them, the
 * console's files only where the console is enabled.
 */
class LocalApiConfigurationTest {

    private final LocalApiBridge bridge = new LocalApiBridge((event, output) -> { }, new SequentialIdGenerator());
    private final FunctionCatalog functions = mock(FunctionCatalog.class);
    private final ErrorDispatchHandler errorDispatch = new ErrorDispatchHandler(new WebServerErrors(
            new Router(List.of(new HealthRoutes())), new SequentialIdGenerator()));

    private Object handler(boolean expose, String path) throws Exception {
        return handler(expose, false, path);
    }

    private Object handler(boolean expose, boolean console, String path) throws Exception {
        when(functions.getNames(null)).thenReturn(Set.of("httpApi", "deploymentWorker"));
        AbstractHandlerMapping mapping = new LocalApiConfiguration()
                .localApiHandlerMapping(bridge, errorDispatch, paths(expose, console));
        HandlerExecutionChain chain = mapping.getHandler(new MockHttpServletRequest("POST", path));
        return chain == null ? null : chain.getHandler();
    }

    private LocalApiConfiguration.LocalPaths paths(boolean expose, boolean console) {
        when(functions.getNames(null)).thenReturn(Set.of("httpApi", "deploymentWorker"));
        return new LocalApiConfiguration().localPaths(functions, expose, console);
    }

    /** @return whether the filter handed the request to the bridge (else it went on down the chain) */
    private boolean filterBridges(boolean expose, boolean console, String path) throws Exception {
        List<String> bridged = new ArrayList<>();
        LocalApiBridge recording = new LocalApiBridge((event, output) -> bridged.add(event.getRawPath()),
                new SequentialIdGenerator());
        MockFilterChain chain = new MockFilterChain();
        new LocalApiConfiguration().localApiFilter(recording, paths(expose, console)).getFilter()
                .doFilter(new MockHttpServletRequest("POST", path), new MockHttpServletResponse(), chain);
        assertThat(bridged.isEmpty()).as("bridged or chained, never both: " + path)
                .isEqualTo(chain.getRequest() != null);
        return !bridged.isEmpty();
    }

    @Test
    void theFilter_sendsApiRequestsStraightToTheBridge_andTheConsoleAndExposedFunctionsDownTheChain()
            throws Exception {
        for (String path : new String[] {"/v1/models", "/chat/completions", "/model/run", "/x", "/consoles"}) {
            assertThat(filterBridges(false, true, path)).as(path).isTrue();
        }
        assertThat(filterBridges(false, true, "/console/app.js")).isFalse();
        assertThat(filterBridges(false, false, "/console/app.js")).isTrue();
        assertThat(filterBridges(true, false, "/deploymentWorker")).isFalse();
        assertThat(filterBridges(false, false, "/deploymentWorker")).isTrue();
    }

    @Test
    void byDefault_everyPathReachesTheBridge_functionNamesIncluded() throws Exception {
        for (String path : new String[] {"/deploymentWorker", "/httpApi", "/v1/models", "/chat/completions", "/x"}) {
            assertThat(handler(false, path)).as(path).isSameAs(bridge);
        }
    }

    @Test
    void whenExposed_functionNamesFallThroughToSpringCloudFunctionWeb() throws Exception {
        assertThat(handler(true, "/deploymentWorker")).isNull();
        assertThat(handler(true, "/httpApi")).isNull();
        assertThat(handler(true, "/v1/models")).isSameAs(bridge);
    }

    @Test
    void whenTheConsoleIsEnabled_itsPathsGoToTheConsoleFiles_andEveryOtherPathToTheBridge() throws Exception {
        assertThat(handler(false, true, "/console/")).isInstanceOf(ConsoleStaticHandler.class);
        assertThat(handler(false, true, "/console")).isInstanceOf(ConsoleStaticHandler.class);
        assertThat(handler(false, true, "/console/app.js")).isInstanceOf(ConsoleStaticHandler.class);
        assertThat(handler(false, true, "/consoles")).isSameAs(bridge);
        assertThat(handler(false, true, "/v1/models")).isSameAs(bridge);
    }

    @Test
    void whenTheConsoleIsDisabled_itsPathsReachTheBridge() throws Exception {
        assertThat(handler(false, false, "/console/")).isSameAs(bridge);
    }

    @Test
    void errorDispatches_answerTheServicesJsonError_notSpringsErrorPage() throws Exception {
        when(functions.getNames(null)).thenReturn(Set.of());
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/error");
        request.setDispatcherType(DispatcherType.ERROR);
        request.setAttribute(RequestDispatcher.ERROR_STATUS_CODE, 404);
        request.setAttribute(RequestDispatcher.ERROR_REQUEST_URI, "/V1/models");
        MockHttpServletResponse response = new MockHttpServletResponse();

        Object handler = new LocalApiConfiguration()
                .localApiHandlerMapping(bridge, errorDispatch, paths(false, false))
                .getHandler(request).getHandler();
        ((ErrorDispatchHandler) handler).handleRequest(request, response);

        assertThat(response.getStatus()).isEqualTo(404);
        assertThat(response.getContentType()).startsWith("application/json");
        assertThat(response.getContentAsString()).contains("\"code\":\"invalid_request_error\"")
                .contains("\"request_id\":\"req_").doesNotContain("timestamp");
    }
}
