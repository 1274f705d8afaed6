package com.securemodel.core.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.securemodel.core.error.ErrorCode;
import com.securemodel.core.error.ServiceException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TargetPolicyTest {

    /** A DNS of fixed answers: each name resolves to the literal it stands for. */
    private static final Map<String, String> DNS = Map.of("hooks.example.com", "93.184.216.34",
            "loopback.example.com", "127.0.0.1", "metadata.example.com", "169.254.169.254",
            "private.example.com", "10.0.0.8", "cgnat.example.com", "100.64.1.1", "ula.example.com", "fd00::5",
            "mapped.example.com", "::ffff:192.168.0.1");

    private static InetAddress[] resolve(String host) throws UnknownHostException {
        String literal = DNS.get(host);
        if (literal == null) {
            if (host.matches("[0-9.:a-f]+")) {
                return new InetAddress[] {InetAddress.getByName(host)};
            }
            throw new UnknownHostException(host);
        }
        return new InetAddress[] {InetAddress.getByName(literal)};
    }

    private final TargetPolicy aws = TargetPolicy.publicHttpsOnly(TargetPolicyTest::resolve);
    private final TargetPolicy local = TargetPolicy.allowingLoopback(TargetPolicyTest::resolve);

    @Test
    void publicHttpsUrl_isAccepted() {
        assertThat(aws.checkUrl("https://hooks.example.com/paitient?x=1").getHost()).isEqualTo("hooks.example.com");
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://loopback.example.com/h", "https://metadata.example.com/latest/meta-data",
            "https://private.example.com/", "https://cgnat.example.com/", "https://ula.example.com/",
            "https://mapped.example.com/", "https://127.0.0.1/", "https://[::1]/", "https://169.254.169.254/",
            "https://[fd00:ec2::254]/", "https://[::ffff:10.0.0.1]/", "https://0.0.0.0/"})
    void onAws_urlsResolvingToForbiddenAddresses_areValidationErrorsNamingTheAddress(String url) {
        assertThatThrownBy(() -> aws.checkUrl(url)).isInstanceOf(ServiceException.class)
                .hasMessageContaining("resolves to").hasMessageContaining("public https URLs only")
                .satisfies(e -> assertThat(((ServiceException) e).code()).isEqualTo(ErrorCode.VALIDATION_ERROR));
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://hooks.example.com/", "ftp://hooks.example.com/", "hooks.example.com/path",
            "https://user:pw@hooks.example.com/", "https:///nohost", "not a url", ""})
    void onAws_otherSchemesAndMalformedUrls_areRefused(String url) {
        assertThatThrownBy(() -> aws.checkUrl(url)).isInstanceOf(ServiceException.class).hasMessageContaining("url");
    }

    @Test
    void unresolvableHost_isRefused() {
        assertThatThrownBy(() -> aws.checkUrl("https://nowhere.invalid/")).hasMessageContaining("does not resolve");
    }

    @Test
    void locally_loopbackAndHttp_areAccepted_butNotPrivateOrMetadata() {
        assertThat(local.checkUrl("http://127.0.0.1:8099/hook").getPort()).isEqualTo(8099);
        assertThat(local.checkUrl("http://loopback.example.com/hook")).isNotNull();
        assertThatThrownBy(() -> local.checkUrl("http://metadata.example.com/")).hasMessageContaining("metadata");
        assertThatThrownBy(() -> local.checkUrl("http://private.example.com/")).hasMessageContaining("private");
    }

    @Test
    void addresses_refuseANameWithAnyForbiddenAddress() {
        TargetPolicy policy = TargetPolicy.publicHttpsOnly(host -> new InetAddress[] {
                InetAddress.getByName("93.184.216.34"), InetAddress.getByName("10.0.0.1")});

        assertThatThrownBy(() -> policy.addresses("both.example.com"))
                .isInstanceOf(TargetPolicy.RefusedTargetException.class).hasMessageContaining("10.0.0.1");
    }
}
