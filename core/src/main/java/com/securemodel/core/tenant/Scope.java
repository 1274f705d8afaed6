package com.securemodel.core.tenant;

import com.securemodel.core.error.ErrorCode;
import com.securemodel.core.error.ServiceException;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What an API key may do. Every authenticated route needs exactly one scope; a key holding {@link #ADMIN} holds all
 * of them. Keys stored before scopes existed carry none on record and are read as holding every scope.
 */
public enum Scope {
    /** read what the client has: lists, gets, metrics, logs, statuses, results */
    READ("read"),
    /** change it: create, update and delete deployments, Bytez loads and jobs, files, batches' cancel */
    WRITE("write"),
    /** run a model (spend tokens): PaiTIENT generate, every OpenAI completion route, Bytez run, token counter */
    GENERATE("generate"),
    /** manage the client's API keys and webhooks; implies every other scope */
    ADMIN("admin");

    private final String wire;

    Scope(String wire) {
        this.wire = wire;
    }

    /** @return the scope as the API and the stored items write it, for example {@code generate} */
    public String wire() {
        return wire;
    }

    /** @return every scope (what a key without a scopes attribute holds) */
    public static Set<Scope> all() {
        return Collections.unmodifiableSet(EnumSet.allOf(Scope.class));
    }

    /** @return an unmodifiable, ordered copy; null (a key stored before scopes) means every scope */
    public static Set<Scope> copyOf(Collection<Scope> scopes) {
        if (scopes == null) {
            return all();
        }
        return scopes.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(scopes));
    }

    /** @return whether a key holding {@code held} may do what needs {@code needed} */
    public static boolean grants(Set<Scope> held, Scope needed) {
        return held.contains(needed) || held.contains(ADMIN);
    }

    /**
     * @param value a wire name, for example {@code read}
     * @throws ServiceException validation_error naming the valid scopes
     */
    public static Scope parse(String value) {
        String name = value == null ? "" : value.strip().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(s -> s.wire.equals(name)).findFirst().orElseThrow(() ->
                ServiceException.validation("Unknown scope '" + value + "': use " + names()));
    }

    /**
     * @param values wire names; at least one
     * @throws ServiceException validation_error when none is given or one is unknown
     */
    public static Set<Scope> parseAll(Collection<String> values) {
        if (values == null || values.isEmpty()) {
            throw ServiceException.validation("scopes must name at least one of " + names());
        }
        return copyOf(values.stream().map(Scope::parse).toList());
    }

    /** @return the wire names of {@code scopes} in a stable order */
    public static java.util.List<String> wireNames(Set<Scope> scopes) {
        return scopes.stream().sorted().map(Scope::wire).toList();
    }

    private static String names() {
        return Arrays.stream(values()).map(s -> "'" + s.wire + "'").collect(Collectors.joining(", "));
    }

    /**
     * @param what what the caller asked for, for the message (for example {@code POST /v1/chat/completions})
     * @throws ServiceException permission_denied (403) naming the scope needed, when {@code held} lacks it
     */
    public static void require(Set<Scope> held, Scope needed, String what) {
        if (!grants(held, needed)) {
            String enough = needed == ADMIN ? "'admin'" : "'" + needed.wire + "' or 'admin'";
            throw new ServiceException(ErrorCode.PERMISSION_DENIED, "This API key lacks the '" + needed.wire
                    + "' scope that " + what + " needs (it has " + wireNames(held) + "): call with a key that has "
                    + enough + ", or create one with POST /v1/keys");
        }
    }
}
