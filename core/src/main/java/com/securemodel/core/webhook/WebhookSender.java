package com.securemodel.core.webhook;

import java.util.Map;

/** Posts a signed event to a webhook's URL. */
public interface WebhookSender {

    /**
     * @return the receiver's HTTP status
     * @throws DeliveryFailedException when no answer came (refused target, connection failure, time-out)
     */
    int post(String url, Map<String, String> headers, byte[] body);

    /** No HTTP answer; the message says why in words safe to show the client (never the secret or the body). */
    final class DeliveryFailedException extends RuntimeException {

        public DeliveryFailedException(String message, Throwable cause) {
            super(message, cause);
        }

        public DeliveryFailedException(String message) {
            super(message);
        }
    }
}
