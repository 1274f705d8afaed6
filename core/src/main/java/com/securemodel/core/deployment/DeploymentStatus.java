package com.securemodel.core.deployment;

import java.util.Locale;
import java.util.Set;

/**
 * The deployment state machine: {@code creating → running | failed}, {@code running → updating → running | failed},
 * any live state {@code → deleting → deleted}; a deletion whose messages are exhausted goes {@code deleting → failed}
 * (its cleanup keeps trying; a client may delete again). {@code deleted} is final.
 */
public enum DeploymentStatus {
    CREATING, RUNNING, UPDATING, DELETING, DELETED, FAILED;

    /** @return the PaiTIENT word, for example {@code running} */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @return the Bytez word, for example {@code RUNNING} */
    public String bytez() {
        return name();
    }

    /** @return whether a deployment in this state may move to {@code next} */
    public boolean canMoveTo(DeploymentStatus next) {
        return switch (this) {
            case CREATING -> Set.of(RUNNING, FAILED, DELETING).contains(next);
            case RUNNING -> Set.of(UPDATING, DELETING, FAILED).contains(next);
            case UPDATING -> Set.of(RUNNING, FAILED, DELETING).contains(next);
            case FAILED -> Set.of(DELETING).contains(next);
            case DELETING -> Set.of(DELETED, FAILED).contains(next);
            case DELETED -> false;
        };
    }

    /** @return the status for a PaiTIENT or Bytez word, case-insensitively, or null when none matches */
    public static DeploymentStatus fromWire(String word) {
        for (DeploymentStatus s : values()) {
            if (s.name().equalsIgnoreCase(word)) {
                return s;
            }
        }
        return null;
    }
}
