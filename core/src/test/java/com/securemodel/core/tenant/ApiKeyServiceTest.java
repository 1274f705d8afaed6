package com.securemodel.core.tenant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.securemodel.core.error.ErrorCode;
import com.securemodel.core.error.ServiceException;
import com.securemodel.core.fakes.InMemoryApiKeyStore;
import com.securemodel.core.fakes.MutableClock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ApiKeyServiceTest {

    private final InMemoryApiKeyStore store = new InMemoryApiKeyStore();
    private final MutableClock clock = new MutableClock();
    private final Authenticator auth = new Authenticator(store, clock, Duration.ofSeconds(30));
    private final ApiKeyService service = new ApiKeyService(store, auth);
    private final ClientId acme = new ClientId("acme");

    @Test
    void create_storesNameScopesAndHint_neverTheKey() {
        Authenticator.IssuedKey issued = service.create(acme, "ci", Set.of(Scope.READ, Scope.GENERATE));

        ApiKeyRecord stored = store.all().getFirst();
        assertThat(stored.scopes()).containsExactly(Scope.READ, Scope.GENERATE);
        assertThat(stored.name()).isEqualTo("ci");
        assertThat(issued.apiKey()).endsWith(stored.hint()).startsWith("sk-");
        assertThat(stored.toString()).doesNotContain(issued.apiKey());
        assertThat(auth.authenticateKeyCaller("Bearer " + issued.apiKey(), null, null).scopes())
                .containsExactly(Scope.READ, Scope.GENERATE);
    }

    @Test
    void create_withoutScopes_orWithABadName_isAValidationError() {
        assertThatThrownBy(() -> service.create(acme, null, Set.of())).isInstanceOfSatisfying(ServiceException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION_ERROR));
        assertThatThrownBy(() -> service.create(acme, "a\nb", Set.of(Scope.READ)))
                .isInstanceOfSatisfying(ServiceException.class,
                        e -> assertThat(e.getMessage()).contains("name must be"));
    }

    @Test
    void revoke_stopsTheKeyAtOnceInThisInstance_andWithinTheCachePeriodInAnother() {
        String admin = service.create(acme, "admin", Set.of(Scope.ADMIN)).apiKey();
        Authenticator.IssuedKey reader = service.create(acme, "reader", Set.of(Scope.READ));
        Authenticator otherInstance = new Authenticator(store, clock, Duration.ofSeconds(30));
        otherInstance.authenticateKeyCaller("Bearer " + reader.apiKey(), null, null);
        AuthenticatedKey caller = auth.authenticateKeyCaller("Bearer " + admin, null, null);
        auth.authenticateKeyCaller("Bearer " + reader.apiKey(), null, null);

        service.revoke(caller.clientId(), reader.key().keyId());

        assertThatThrownBy(() -> auth.authenticateKeyCaller("Bearer " + reader.apiKey(), null, null))
                .isInstanceOfSatisfying(ServiceException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.AUTHENTICATION));
        clock.advance(Duration.ofSeconds(29));
        assertThat(otherInstance.authenticateKeyCaller("Bearer " + reader.apiKey(), null, null).clientId())
                .as("another warm instance within its cache period").isEqualTo(acme);
        clock.advance(Duration.ofSeconds(1));
        assertThatThrownBy(() -> otherInstance.authenticateKeyCaller("Bearer " + reader.apiKey(), null, null))
                .isInstanceOfSatisfying(ServiceException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.AUTHENTICATION));
        assertThat(service.list(acme)).extracting(ApiKeyRecord::name).containsExactly("admin");
    }

    @Test
    void revoke_ofTheClientsLastAdminKey_isRefused_butASecondAdminKeyMayGo() {
        Authenticator.IssuedKey first = service.create(acme, "first", Set.of(Scope.ADMIN));
        AuthenticatedKey caller = auth.authenticateKeyCaller("Bearer " + first.apiKey(), null, null);
        service.create(acme, "writer", Set.of(Scope.WRITE, Scope.GENERATE));

        assertThatThrownBy(() -> service.revoke(caller.clientId(), first.key().keyId()))
                .isInstanceOfSatisfying(ServiceException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION_ERROR);
                    assertThat(e.getMessage()).contains("last admin key", "POST /v1/keys");
                });

        service.create(acme, "second", Set.of(Scope.ADMIN));
        service.revoke(caller.clientId(), first.key().keyId());
        assertThat(service.list(acme)).extracting(ApiKeyRecord::name).containsExactlyInAnyOrder("writer", "second");
    }

    @Test
    void revoke_ofAnotherClientsKey_isNotFound_andLeavesItWorking() {
        String acmeAdmin = service.create(acme, null, Set.of(Scope.ADMIN)).apiKey();
        ClientId globex = new ClientId("globex");
        Authenticator.IssuedKey globexKey = service.create(globex, null, Set.of(Scope.READ));
        AuthenticatedKey caller = auth.authenticateKeyCaller("Bearer " + acmeAdmin, null, null);

        assertThatThrownBy(() -> service.revoke(caller.clientId(), globexKey.key().keyId()))
                .isInstanceOfSatisfying(ServiceException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.RESOURCE_NOT_FOUND));
        assertThat(service.list(acme)).extracting(ApiKeyRecord::clientId).containsOnly(acme);
        assertThat(auth.authenticateKeyCaller("Bearer " + globexKey.apiKey(), null, null).clientId())
                .isEqualTo(globex);
    }

    @Test
    void keysStoredBeforeScopes_holdEveryScope_andCountAsAdmin() {
        auth.register(acme, "dev", "sk-local-dev");

        AuthenticatedKey dev = auth.authenticateKeyCaller("Bearer sk-local-dev", null, null);

        assertThat(dev.scopes()).containsExactlyInAnyOrder(Scope.values());
        assertThatThrownBy(() -> service.revoke(dev.clientId(), "dev")).hasMessageContaining("last admin key");
        assertThat(List.copyOf(service.list(acme))).hasSize(1);
    }

    @Test
    void scopes_adminImpliesAll_othersOnlyThemselves_andTheRefusalNamesTheScope() {
        assertThat(Scope.grants(Set.of(Scope.ADMIN), Scope.GENERATE)).isTrue();
        assertThat(Scope.grants(Set.of(Scope.READ, Scope.GENERATE), Scope.WRITE)).isFalse();
        assertThatThrownBy(() -> new AuthenticatedKey(acme, "k", Set.of(Scope.READ))
                .require(Scope.GENERATE, "POST /v1/chat/completions"))
                .isInstanceOfSatisfying(ServiceException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.PERMISSION_DENIED);
                    assertThat(e.httpStatus()).isEqualTo(403);
                    assertThat(e.getMessage()).contains("'generate'", "POST /v1/chat/completions");
                });
        assertThatThrownBy(() -> Scope.require(Set.of(Scope.READ), Scope.ADMIN, "GET /v1/keys"))
                .hasMessageContaining("a key that has 'admin', or create").hasMessageNotContaining("'admin' or");
        assertThat(Scope.parseAll(List.of("read", " Generate"))).containsExactly(Scope.READ, Scope.GENERATE);
        assertThatThrownBy(() -> Scope.parse("delete")).hasMessageContaining("'read', 'write', 'generate', 'admin'");
    }
}
