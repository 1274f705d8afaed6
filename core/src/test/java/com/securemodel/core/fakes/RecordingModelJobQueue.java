package com.securemodel.core.fakes;

import com.securemodel.core.bytez.ModelJobQueue;
import com.securemodel.core.bytez.ModelJobTask;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/** A {@link ModelJobQueue} that keeps what was sent, for tests to deliver (and deliver again). */
public final class RecordingModelJobQueue implements ModelJobQueue {

    private final List<ModelJobTask> sent = new CopyOnWriteArrayList<>();

    @Override
    public void send(ModelJobTask task) {
        sent.add(task);
    }

    public List<ModelJobTask> sent() {
        return List.copyOf(sent);
    }

    /** @return the oldest task not polled yet */
    public synchronized Optional<ModelJobTask> poll() {
        return sent.isEmpty() ? Optional.empty() : Optional.of(sent.removeFirst());
    }
}
