package com.securemodel.functions.http.routing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.securemodel.functions.http.error.ErrorFormat;
import java.util.List;

/**
 * The routes of one API dialect (PaiTIENT, Bytez, OpenAI-compatible), readable at a glance, with the dialect's
 * JSON conventions and error shape. The {@link Router} merges the tables and refuses two routes for the same
 * method and path unless one of them claims its requests by a rule.
 */
public interface RouteTable {

    /** @return a short name for logs, for example {@code paitient} */
    String dialect();

    List<Route> routes();

    /** @return the mapper that reads request bodies and writes response bodies of this dialect */
    ObjectMapper json();

    /** @return how this dialect writes an error */
    ErrorFormat errorFormat();

    /**
     * @param rawPath a request path that matches no route (or not for its method)
     * @return whether the path is under this dialect's prefixes, so its 404 or 405 takes this dialect's error shape
     */
    default boolean owns(String rawPath) {
        return false;
    }
}
