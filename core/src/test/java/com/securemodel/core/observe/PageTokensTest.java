package com.securemodel.core.observe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.securemodel.core.error.ServiceException;
import com.securemodel.core.tenant.ClientId;
import org.junit.jupiter.api.Test;

class PageTokensTest {

    private final PageTokens tokens = new PageTokens("0123456789abcdef0123".getBytes());
    private final ClientId acme = new ClientId("acme");

    @Test
    void aToken_opensForTheSameClientAndQuery() {
        String token = tokens.issue(acme, "q1", "LOG#dep#0000000000001#x");

        assertThat(tokens.open(acme, "q1", token)).isEqualTo("LOG#dep#0000000000001#x");
    }

    @Test
    void aToken_isRefused_forAnotherClient_anotherQuery_anotherSecret_orWhenEdited() {
        String token = tokens.issue(acme, "q1", "pos");

        assertThatThrownBy(() -> tokens.open(new ClientId("globex"), "q1", token))
                .isInstanceOf(ServiceException.class).hasMessageContaining("next_token is not valid");
        assertThatThrownBy(() -> tokens.open(acme, "q2", token)).isInstanceOf(ServiceException.class);
        assertThatThrownBy(() -> PageTokens.perProcess().open(acme, "q1", token))
                .isInstanceOf(ServiceException.class);
        String forged = tokens.issue(acme, "q1", "other").split("\\.")[0] + "." + token.split("\\.")[1];
        assertThatThrownBy(() -> tokens.open(acme, "q1", forged)).isInstanceOf(ServiceException.class);
        assertThatThrownBy(() -> tokens.open(acme, "q1", "not a token")).isInstanceOf(ServiceException.class);
    }
}
