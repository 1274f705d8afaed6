package com.securemodel.functions.http.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import com.securemodel.core.fakes.SequentialIdGenerator;
import jakarta.servlet.DispatcherType;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.cloud.function.context.FunctionCatalog;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.servlet.HandlerExecutionChain;
import org.springframework.web.servlet.handler.AbstractHandlerMapping;

/** Every web request goes to the API bridge; function endpoints only when the local-only setting exposes them. */
class LocalApiConfigurationTest {

    private final LocalApiBridge bridge = new LocalApiBridge((event, output) -> { }, new SequentialIdGenerator());
    private final FunctionCatalog functions = mock(FunctionCatalog.class);

    private Object handler(boolean expose, String path) throws Exception {
        when(functions.getNames(null)).thenReturn(Set.of("httpApi", "deploymentWorker"));
        AbstractHandlerMapping mapping = new LocalApiConfiguration().localApiHandlerMapping(bridge, functions, expose);
        HandlerExecutionChain chain = mapping.getHandler(new MockHttpServletRequest("POST", path));
        return chain == null ? null : chain.getHandler();
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
    void errorDispatches_areLeftToSpring() throws Exception {
        when(functions.getNames(null)).thenReturn(Set.of());
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/error");
        request.setDispatcherType(DispatcherType.ERROR);

        assertThat(new LocalApiConfiguration().localApiHandlerMapping(bridge, functions, false).getHandler(request))
                .isNull();
    }
}
