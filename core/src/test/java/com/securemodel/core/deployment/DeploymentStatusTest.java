package com.securemodel.core.deployment;

import static com.securemodel.core.deployment.DeploymentStatus.CREATING;
import static com.securemodel.core.deployment.DeploymentStatus.DELETED;
import static com.securemodel.core.deployment.DeploymentStatus.DELETING;
import static com.securemodel.core.deployment.DeploymentStatus.FAILED;
import static com.securemodel.core.deployment.DeploymentStatus.RUNNING;
import static com.securemodel.core.deployment.DeploymentStatus.UPDATING;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class DeploymentStatusTest {

    @ParameterizedTest(name = "{0} -> {1}: {2}")
    @CsvSource({
            "CREATING, RUNNING, true", "CREATING, FAILED, true", "CREATING, DELETING, true",
            "CREATING, DELETED, false", "CREATING, UPDATING, false",
            "RUNNING, UPDATING, true", "RUNNING, DELETING, true", "RUNNING, FAILED, true", "RUNNING, CREATING, false",
            "UPDATING, RUNNING, true", "UPDATING, FAILED, true", "UPDATING, DELETING, true",
            "FAILED, DELETING, true", "FAILED, RUNNING, false",
            "DELETING, DELETED, true", "DELETING, RUNNING, false", "DELETING, FAILED, true",
            "DELETED, DELETING, false", "DELETED, RUNNING, false"
    })
    void canMoveTo_followsTheStateMachine(DeploymentStatus from, DeploymentStatus to, boolean allowed) {
        assertThat(from.canMoveTo(to)).isEqualTo(allowed);
    }

    @Test
    void deleted_isFinal() {
        for (DeploymentStatus next : DeploymentStatus.values()) {
            assertThat(DELETED.canMoveTo(next)).isFalse();
        }
    }

    @Test
    void wireWords_roundTrip() {
        assertThat(RUNNING.wire()).isEqualTo("running");
        assertThat(RUNNING.bytez()).isEqualTo("RUNNING");
        assertThat(DeploymentStatus.fromWire("Deleting")).isEqualTo(DELETING);
        assertThat(DeploymentStatus.fromWire("nope")).isNull();
        assertThat(CREATING.canMoveTo(RUNNING) && UPDATING.canMoveTo(FAILED) && FAILED.canMoveTo(DELETING)).isTrue();
    }
}
