package com.securemodel.core.hosting;

import java.util.function.Consumer;

/**
 * Where streamed text goes, for a consumer that can batch: each piece as the container produces it, and
 * {@link #idle()} whenever no more text is waiting, the moment to send what was accepted. A streaming
 * {@link ModelInvoker} calls {@code idle()} when it has handed on all it has received so far, so pieces that arrive
 * together leave together, and none waits for a later one.
 */
public interface TextSink extends Consumer<String> {

    /** Nothing more is waiting now: what was accepted should be sent. */
    void idle();

    /** A sink over {@code accept} and {@code idle}. */
    static TextSink of(Consumer<String> accept, Runnable idle) {
        return new TextSink() {
            @Override
            public void accept(String text) {
                accept.accept(text);
            }

            @Override
            public void idle() {
                idle.run();
            }
        };
    }
}
