package com.securemodel.core.bytez;

/** Port: the queue that feeds the Bytez job worker. */
public interface ModelJobQueue {

    /** @throws com.securemodel.core.error.ServiceException service_unavailable when the queue refuses */
    void send(ModelJobTask task);
}
