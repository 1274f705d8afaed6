package com.securemodel.core.deployment;

import java.util.List;

/**
 * One page of a list.
 *
 * @param nextOffset the offset of the next page, or null on the last page
 */
public record Page<T>(List<T> items, int total, int limit, int offset, Integer nextOffset) {

    public Page {
        items = List.copyOf(items);
    }
}
