package com.securemodel.core.async;

import com.securemodel.core.tenant.ClientId;

/** Port: the queue that hands accepted requests to the worker (ids only, never the request's text). */
public interface AsyncQueue {

    void send(ClientId clientId, String requestId);
}
