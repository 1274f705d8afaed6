package com.securemodel.core.fakes;

import com.securemodel.core.hosting.InvocationRequest;
import com.securemodel.core.hosting.InvocationResult;
import com.securemodel.core.hosting.ModelInvoker;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * A {@link ModelInvoker} that answers a fixed result (by default {@code "Hello from the fake model"}, finished by
 * the end-of-sequence token) and records every call.
 */
public final class FakeModelInvoker implements ModelInvoker {

    /** One recorded call. */
    public record Call(String endpointName, InvocationRequest request) {
    }

    private final List<Call> calls = new ArrayList<>();
    private InvocationResult result = new InvocationResult("Hello from the fake model", "eos_token", 5, 5);
    private RuntimeException failure;
    private RuntimeException midStreamFailure;
    private int piecesBeforeFailure;

    /** Every later call answers {@code next}. */
    public synchronized FakeModelInvoker answer(InvocationResult next) {
        this.result = next;
        this.failure = null;
        return this;
    }

    /** Every later call throws {@code next}. */
    public synchronized FakeModelInvoker fail(RuntimeException next) {
        this.failure = next;
        return this;
    }

    @Override
    public synchronized InvocationResult invoke(String endpointName, InvocationRequest request) {
        calls.add(new Call(endpointName, request));
        if (failure != null) {
            throw failure;
        }
        return result;
    }

    /** Every later stream hands on {@code pieces} pieces of text, then throws {@code next}. */
    public synchronized FakeModelInvoker failMidStream(int pieces, RuntimeException next) {
        this.piecesBeforeFailure = pieces;
        this.midStreamFailure = next;
        return this;
    }

    @Override
    public InvocationResult stream(String endpointName, InvocationRequest request, Consumer<String> onToken) {
        InvocationResult whole = invoke(endpointName, request);
        RuntimeException midStream;
        int before;
        synchronized (this) {
            midStream = midStreamFailure;
            before = piecesBeforeFailure;
        }
        String[] words = whole.text().split("(?<= )");
        for (int i = 0; i < words.length; i++) {
            if (midStream != null && i == before) {
                throw midStream;
            }
            onToken.accept(words[i]);
            if (onToken instanceof com.securemodel.core.hosting.TextSink sink) {
                sink.idle();
            }
        }
        return whole;
    }

    public synchronized List<Call> calls() {
        return List.copyOf(calls);
    }

    public synchronized Call lastCall() {
        return calls.getLast();
    }
}
