package com.securemodel.core.gpu;

import java.util.List;
import java.util.Optional;

/** The GPU instance types the service knows (g4dn at least), by name without {@code ml.}. */
public final class InstanceCatalog {

    private final List<InstanceType> types;

    public InstanceCatalog(List<InstanceType> types) {
        this.types = List.copyOf(types);
    }

    public static InstanceCatalog builtIn() {
        throw new UnsupportedOperationException("not implemented yet");
    }

    public List<InstanceType> list() {
        return types;
    }

    /** Accepts {@code g4dn.xlarge} and {@code ml.g4dn.xlarge}. */
    public Optional<InstanceType> find(String name) {
        String plain = name != null && name.startsWith("ml.") ? name.substring(3) : name;
        return types.stream().filter(t -> t.name().equals(plain)).findFirst();
    }
}
