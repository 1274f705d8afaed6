package com.securemodel.functions.aws;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;

/** {@link SigV4} gives the signatures of the SDK's own signer, for the same request, credentials and time. */
class SigV4Test {

    private static final byte[] BODY = "{\"inputs\":\"héllo\"}".getBytes(StandardCharsets.UTF_8);

    private static String sdkAuthorization(String uri, Map<String, String> headers, AwsCredentials credentials,
                                           String region, Instant at) {
        SdkHttpFullRequest.Builder request = SdkHttpFullRequest.builder().method(SdkHttpMethod.POST)
                .uri(java.net.URI.create(uri));
        headers.forEach(request::putHeader);
        return AwsV4HttpSigner.create().sign(r -> r.request(request.build()).identity(credentials)
                        .payload(ContentStreamProvider.fromByteArray(BODY))
                        .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "sagemaker")
                        .putProperty(AwsV4HttpSigner.REGION_NAME, region)
                        .putProperty(AwsV4HttpSigner.SIGNING_CLOCK, Clock.fixed(at, ZoneOffset.UTC)))
                .request().firstMatchingHeader("Authorization").orElseThrow();
    }

    @Test
    void signsAsTheSdksSigner_withAndWithoutASessionToken_acrossDays() {
        SigV4 signer = new SigV4("eu-west-1", "sagemaker");
        Map<String, String> headers = Map.of("accept", "application/json", "content-type", "application/json",
                "content-length", Integer.toString(BODY.length), "host", "runtime.sagemaker.eu-west-1.amazonaws.com");
        AwsCredentials basic = AwsBasicCredentials.create("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY");
        AwsSessionCredentials session = AwsSessionCredentials.create("ASIAEXAMPLE", "another/secret",
                "FwoGZXIvYXdzEJr//////////token");
        String uri = "https://runtime.sagemaker.eu-west-1.amazonaws.com/endpoints/sms-dep-7x/invocations";

        Instant[] days = {Instant.parse("2026-12-02T10:15:30Z"), Instant.parse("2026-12-02T23:59:59Z"),
            Instant.parse("2026-12-03T00:00:01Z")};
        // the same secret from one day into the next (the kept key must change), then another secret
        for (Instant at : days) {
            Map<String, String> signed = signer.sign("POST", "/endpoints/sms-dep-7x/invocations", headers, BODY,
                    basic.accessKeyId(), basic.secretAccessKey(), null, at);
            assertThat(signed.get("authorization")).isEqualTo(sdkAuthorization(uri, headers, basic, "eu-west-1", at));
            assertThat(signed).containsEntry("x-amz-date", at.toString().replace("-", "").replace(":", ""))
                    .doesNotContainKey("x-amz-security-token");
        }
        for (Instant at : days) {
            Map<String, String> withToken = signer.sign("POST", "/endpoints/sms-dep-7x/invocations", headers, BODY,
                    session.accessKeyId(), session.secretAccessKey(), session.sessionToken(), at);
            assertThat(withToken.get("authorization"))
                    .isEqualTo(sdkAuthorization(uri, headers, session, "eu-west-1", at));
            assertThat(withToken).containsEntry("x-amz-security-token", session.sessionToken());
        }
    }

    @Test
    void aPortAndAPathSegmentToEncode_signAsTheSdkSignsThem() {
        SigV4 signer = new SigV4("us-east-1", "sagemaker");
        Map<String, String> headers = Map.of("content-type", "application/json  ; charset=utf-8",
                "content-length", Integer.toString(BODY.length), "host", "127.0.0.1:4566");
        AwsCredentials basic = AwsBasicCredentials.create("local", "local");
        Instant at = Instant.parse("2026-12-02T10:15:30Z");
        String segment = SigV4.encode("ep name/é");

        assertThat(segment).isEqualTo("ep%20name%2F%C3%A9");
        Map<String, String> signed = signer.sign("POST", "/endpoints/" + SigV4.encode(segment) + "/invocations",
                headers, BODY, "local", "local", null, at);
        assertThat(signed.get("authorization")).isEqualTo(sdkAuthorization(
                "http://127.0.0.1:4566/endpoints/" + segment + "/invocations", headers, basic, "us-east-1", at));
    }
}
