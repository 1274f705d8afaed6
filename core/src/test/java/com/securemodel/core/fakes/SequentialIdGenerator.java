package com.securemodel.core.fakes;

import com.securemodel.core.IdGenerator;
import java.util.concurrent.atomic.AtomicLong;

/** Predictable ids: {@code dep_0000000001}, {@code dep_0000000002}, ... (one counter for every prefix). */
public final class SequentialIdGenerator implements IdGenerator {

    private final AtomicLong counter = new AtomicLong();

    @Override
    public String next(String prefix) {
        return prefix + "_" + String.format("%010d", counter.incrementAndGet());
    }
}
