package com.securemodel.sdk;

import com.securemodel.sdk.internal.Call;
import com.securemodel.sdk.internal.Transport;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The client's API keys (needs a key with the {@code admin} scope). */
public final class Keys {

    private final Transport transport;

    Keys(Transport transport) {
        this.transport = transport;
    }

    /** The keys, oldest first; never the keys themselves. */
    public List<ApiKey> list() {
        return transport.sendList(Call.get("/keys"), "keys", ApiKey.class);
    }

    /**
     * A new key with these scopes ({@code read}, {@code write}, {@code generate}, {@code admin}); its {@code key} is
     * answered this once.
     */
    public ApiKey create(String name, List<String> scopes) {
        Map<String, Object> body = new LinkedHashMap<>();
        if (name != null) {
            body.put("name", name);
        }
        body.put("scopes", scopes);
        return transport.send(Call.create("/keys", body, null), ApiKey.class);
    }

    /** Revokes the key: it stops working within the service's authorization cache period. */
    public void revoke(String keyId) {
        transport.send(Call.delete("/keys/" + Call.segment(keyId)));
    }
}
