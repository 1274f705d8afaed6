package com.securemodel.core.fakes;

import com.securemodel.core.deployment.ProvisionTask;
import com.securemodel.core.deployment.ProvisioningQueue;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** A {@link ProvisioningQueue} that records what was sent; tests take tasks out and hand them to the worker. */
public final class RecordingProvisioningQueue implements ProvisioningQueue {

    /** One sent message. */
    public record Sent(ProvisionTask task, Duration delay) {
    }

    private final List<Sent> sent = new ArrayList<>();
    private final List<Sent> pending = new ArrayList<>();
    private RuntimeException refusal;

    /** Makes every following {@code send} throw {@code failure} (null: accept again). */
    public synchronized RecordingProvisioningQueue refuse(RuntimeException failure) {
        this.refusal = failure;
        return this;
    }

    @Override
    public synchronized void send(ProvisionTask task, Duration delay) {
        if (refusal != null) {
            throw refusal;
        }
        Sent message = new Sent(task, delay);
        sent.add(message);
        pending.add(message);
    }

    /** @return everything ever sent, oldest first */
    public synchronized List<Sent> sent() {
        return List.copyOf(sent);
    }

    /** @return the tasks ever sent, oldest first */
    public synchronized List<ProvisionTask> tasks() {
        return sent.stream().map(Sent::task).toList();
    }

    /** @return the oldest message not taken yet, removing it */
    public synchronized Optional<Sent> poll() {
        return pending.isEmpty() ? Optional.empty() : Optional.of(pending.removeFirst());
    }

    /** @return the messages not taken yet, oldest first, removing them */
    public synchronized List<Sent> drain() {
        List<Sent> out = List.copyOf(pending);
        pending.clear();
        return out;
    }

    /** @return the last message sent */
    public synchronized Sent last() {
        return sent.getLast();
    }
}
