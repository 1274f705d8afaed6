package com.securemodel.functions.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.securemodel.core.tenant.Scope;
import org.junit.jupiter.api.Test;

class CreateApiKeyTest {

    @Test
    void scopes_fromTheDashDScopesValue_everyScopeWhenLeftOut() {
        assertThat(CreateApiKey.scopes("read,generate")).containsExactly(Scope.READ, Scope.GENERATE);
        assertThat(CreateApiKey.scopes("${scopes}")).containsExactlyInAnyOrder(Scope.values());
        assertThat(CreateApiKey.scopes(null)).containsExactlyInAnyOrder(Scope.values());
        assertThatThrownBy(() -> CreateApiKey.scopes("read,delete")).hasMessageContaining("Unknown scope 'delete'");
    }
}
