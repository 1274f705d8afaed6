package com.securemodel.core.batch;

import com.securemodel.core.hosting.InvocationRequest;
import com.securemodel.core.hosting.InvocationResult;
import com.securemodel.core.hosting.ModelInvoker;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * A model that answers {@code echo <prompt>} with 2 completion tokens, unless the script (given the prompt and how
 * many times it was asked before) throws; records the prompts it was asked.
 */
final class ScriptedInvoker implements ModelInvoker {

    /** What happens on a call: throw to fail it, return normally to answer. */
    interface Script {
        void on(String prompt, int previousCalls);
    }

    private final List<String> prompts = new ArrayList<>();
    private volatile Script script = (prompt, previous) -> { };

    ScriptedInvoker script(Script next) {
        this.script = next;
        return this;
    }

    @Override
    public InvocationResult invoke(String endpointName, InvocationRequest request) {
        int previous;
        synchronized (this) {
            previous = (int) prompts.stream().filter(request.prompt()::equals).count();
            prompts.add(request.prompt());
        }
        script.on(request.prompt(), previous);
        return new InvocationResult("echo " + request.prompt(), "length", 3, 2);
    }

    @Override
    public InvocationResult stream(String endpointName, InvocationRequest request, Consumer<String> onToken) {
        throw new UnsupportedOperationException("batch lines do not stream");
    }

    synchronized List<String> prompts() {
        return List.copyOf(prompts);
    }
}
