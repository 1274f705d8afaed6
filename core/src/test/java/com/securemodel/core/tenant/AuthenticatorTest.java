package com.securemodel.core.tenant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.securemodel.core.error.ErrorCode;
import com.securemodel.core.error.ServiceException;
import com.securemodel.core.fakes.InMemoryApiKeyStore;
import com.securemodel.core.fakes.MutableClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class AuthenticatorTest {

    private final InMemoryApiKeyStore store = new InMemoryApiKeyStore();
    private final MutableClock clock = new MutableClock();
    private final Authenticator auth = new Authenticator(store, clock);
    private final ClientId acme = new ClientId("acme");

    @Test
    void authenticate_withRightKey_returnsClient() {
        // given
        String key = auth.issue(acme);
        // when
        ClientId client = auth.authenticate("Bearer " + key, "acme");
        // then
        assertThat(client).isEqualTo(acme);
    }

    @Test
    void authenticate_withAnyOfSeveralKeys_returnsClient() {
        auth.register(acme, "key_old", "sk-old-key");
        String fresh = auth.issue(acme);

        assertThat(auth.authenticate("Bearer sk-old-key", "acme")).isEqualTo(acme);
        assertThat(auth.authenticate("bearer " + fresh, "acme")).isEqualTo(acme);
    }

    @Test
    void authenticate_withWrongKey_returnsAuthenticationError() {
        auth.issue(acme);

        assertThatThrownBy(() -> auth.authenticate("Bearer sk-wrong", "acme"))
                .isInstanceOfSatisfying(ServiceException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.AUTHENTICATION);
                    assertThat(e.httpStatus()).isEqualTo(401);
                    assertThat(e.getMessage()).doesNotContain("sk-wrong");
                });
    }

    @Test
    void authenticate_withOtherClientsKey_returnsAuthenticationError() {
        // given
        String acmeKey = auth.issue(acme);
        auth.issue(new ClientId("globex"));
        // when / then
        assertThatThrownBy(() -> auth.authenticate("Bearer " + acmeKey, "globex"))
                .isInstanceOfSatisfying(ServiceException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.AUTHENTICATION));
    }

    @Test
    void authenticate_forUnknownClient_returnsAuthenticationError() {
        String key = auth.issue(acme);

        assertThatThrownBy(() -> auth.authenticate("Bearer " + key, "nobody"))
                .isInstanceOfSatisfying(ServiceException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.AUTHENTICATION));
    }

    @Test
    void authenticate_withoutAuthorizationHeader_saysWhatIsMissing() {
        assertThatThrownBy(() -> auth.authenticate(null, "acme"))
                .isInstanceOfSatisfying(ServiceException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.AUTHENTICATION);
                    assertThat(e.getMessage()).contains("Authorization header is missing");
                });
    }

    @Test
    void authenticate_withoutBearerScheme_saysTheExpectedForm() {
        assertThatThrownBy(() -> auth.authenticate("Basic abc", "acme"))
                .isInstanceOfSatisfying(ServiceException.class, e -> {
                    assertThat(e.getMessage()).contains("Bearer <api key>").doesNotContain("abc");
                });
        assertThatThrownBy(() -> auth.authenticate("Bearer ", "acme")).isInstanceOf(ServiceException.class);
    }

    @Test
    void authenticate_withoutClientIdHeader_saysWhatIsMissing() {
        String key = auth.issue(acme);

        assertThatThrownBy(() -> auth.authenticate("Bearer " + key, " "))
                .isInstanceOfSatisfying(ServiceException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.AUTHENTICATION);
                    assertThat(e.getMessage()).contains("X-Client-ID");
                });
    }

    @Test
    void authenticate_withMalformedClientId_returnsAuthenticationError() {
        assertThatThrownBy(() -> auth.authenticate("Bearer sk-x", "a/b"))
                .isInstanceOfSatisfying(ServiceException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.AUTHENTICATION));
    }

    @Test
    void issue_storesOnlyTheHash() {
        // when
        String key = auth.issue(acme);
        // then
        assertThat(key).matches("sk-[A-Za-z0-9]{40}");
        ApiKeyRecord stored = store.findByClient(acme).getFirst();
        assertThat(stored.keyId()).matches("key_[a-z0-9]{12}");
        assertThat(stored.keyHash()).startsWith("sha256:").hasSize(7 + 64).doesNotContain(key.substring(3));
        assertThat(stored.keyHash()).isEqualTo(ApiKeyHasher.hash(key));
    }

    @Test
    void issue_makesDifferentKeys() {
        assertThat(auth.issue(acme)).isNotEqualTo(auth.issue(acme));
        assertThat(store.findByClient(acme)).hasSize(2);
    }

    @Test
    void hasher_matchesOnlyTheSameKey() {
        String hash = ApiKeyHasher.hash("sk-local-dev");

        assertThat(hash).isEqualTo("sha256:39f9742666377d1b2d177efec3c73c95112c6c70f9ffe9b49abd1a2523295b86");
        assertThat(ApiKeyHasher.matches("sk-local-dev", hash)).isTrue();
        assertThat(ApiKeyHasher.matches("sk-local-dew", hash)).isFalse();
        assertThat(ApiKeyHasher.matches("sk-local-dev", null)).isFalse();
    }

    @Test
    void authenticate_twiceWithinCacheTtl_readsTheKeyStoreOnce() {
        // given
        String key = auth.issue(acme);
        // when
        auth.authenticate("Bearer " + key, "acme");
        clock.advance(Duration.ofSeconds(59));
        auth.authenticate("Bearer " + key, "acme");
        // then
        assertThat(store.reads()).isEqualTo(1);
    }

    @Test
    void authenticate_afterCacheTtl_readsAgainAndRefusesARemovedKey() {
        // given
        auth.register(acme, "key_gone", "sk-soon-removed");
        auth.authenticate("Bearer sk-soon-removed", "acme");
        store.remove(acme, "key_gone");
        // when
        clock.advance(Authenticator.DEFAULT_CACHE_TTL);
        // then
        assertThatThrownBy(() -> auth.authenticate("Bearer sk-soon-removed", "acme"))
                .isInstanceOfSatisfying(ServiceException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.AUTHENTICATION));
        assertThat(store.reads()).isEqualTo(2);
    }

    @Test
    void authenticate_withWrongKeyAfterACachedRightKey_isStillRefused() {
        // given
        String key = auth.issue(acme);
        auth.authenticate("Bearer " + key, "acme");
        // when / then
        assertThatThrownBy(() -> auth.authenticate("Bearer sk-wrong", "acme")).isInstanceOf(ServiceException.class);
        assertThatThrownBy(() -> auth.authenticate("Bearer " + key, "other-client"))
                .isInstanceOf(ServiceException.class);
    }

    @Test
    void authenticate_withCacheOff_readsTheKeyStoreEveryTime() {
        // given
        Authenticator uncached = new Authenticator(store, clock, Duration.ZERO);
        String key = uncached.issue(acme);
        // when
        uncached.authenticate("Bearer " + key, "acme");
        uncached.authenticate("Bearer " + key, "acme");
        // then
        assertThat(store.reads()).isEqualTo(2);
    }

    @Test
    void authenticateKey_withKeyAlone_findsItsClient_inEveryHeaderForm() {
        // given
        String key = auth.issue(acme);
        // when / then
        assertThat(auth.authenticateKey("Bearer " + key, null, null)).isEqualTo(acme);
        assertThat(auth.authenticateKey("Key " + key, null, null)).isEqualTo(acme);
        assertThat(auth.authenticateKey(null, key, null)).isEqualTo(acme);
        assertThat(auth.authenticateKey("bearer " + key, null, "acme")).isEqualTo(acme);
    }

    @Test
    void authenticateKey_withClientIdOfAnotherClient_isRefused_evenWhenCached() {
        // given
        String key = auth.issue(acme);
        auth.issue(new ClientId("globex"));
        auth.authenticateKey("Bearer " + key, null, null);
        // when / then
        assertThatThrownBy(() -> auth.authenticateKey("Bearer " + key, null, "globex"))
                .isInstanceOfSatisfying(ServiceException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.AUTHENTICATION));
    }

    @Test
    void authenticateKey_withUnknownOrMissingKey_saysWhatToSend() {
        assertThatThrownBy(() -> auth.authenticateKey("Bearer sk-nope", null, null))
                .hasMessage("The API key is not valid: check it, or create a new one");
        assertThatThrownBy(() -> auth.authenticateKey(null, null, null))
                .hasMessageContaining("Authorization: Bearer <api key>").hasMessageContaining("api-key");
        assertThatThrownBy(() -> auth.authenticateKey("Basic abc", null, null))
                .hasMessage("The Authorization header must be 'Bearer <api key>' or 'Key <api key>'");
    }

    @Test
    void authenticateKey_readsOneItemByHash_andNeverStoresTheKey() {
        // given
        String key = auth.issue(acme);
        int before = store.reads();
        // when
        auth.authenticateKey("Bearer " + key, null, null);
        auth.authenticateKey("Bearer " + key, null, null);
        // then
        assertThat(store.reads() - before).isEqualTo(1);
        assertThat(store.all()).singleElement().satisfies(record ->
                assertThat(record.keyHash()).isEqualTo(ApiKeyHasher.hash(key)).isNotEqualTo(key));
    }
}
