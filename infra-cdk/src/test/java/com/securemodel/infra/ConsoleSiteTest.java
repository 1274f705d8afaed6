package com.securemodel.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/** The console on AWS: a private bucket behind CloudFront with OAC, HTTPS only, a strict CSP, logs. */
class ConsoleSiteTest {

  private final Template template = SynthesizedStack.defaultMode().template();

  @Test
  void distribution_readsThePrivateBucketThroughOriginAccessControl_overHttpsOnly_withLogs() {
    template.resourceCountIs("AWS::CloudFront::OriginAccessControl", 1);
    template.hasResourceProperties("AWS::CloudFront::Distribution", Match.objectLike(Map.of(
        "DistributionConfig", Match.objectLike(Map.of(
            "DefaultRootObject", "index.html",
            "Logging", Match.objectLike(Map.of("Prefix", "cloudfront/")),
            "DefaultCacheBehavior", Match.objectLike(Map.of("ViewerProtocolPolicy", "https-only")),
            "CacheBehaviors", Match.arrayWith(List.of(
                Match.objectLike(Map.of("PathPattern", "/v1/chat/completions", "ViewerProtocolPolicy", "https-only")),
                Match.objectLike(Map.of("PathPattern", "/v1/*", "ViewerProtocolPolicy", "https-only")))))))));
  }

  @Test
  void everyAnswer_carriesTheStrictContentSecurityPolicyAndSecurityHeaders() {
    template.hasResourceProperties("AWS::CloudFront::ResponseHeadersPolicy", Match.objectLike(Map.of(
        "ResponseHeadersPolicyConfig", Match.objectLike(Map.of(
            "SecurityHeadersConfig", Match.objectLike(Map.of(
                "ContentSecurityPolicy", Map.of("ContentSecurityPolicy", ConsoleSite.CONTENT_SECURITY_POLICY,
                    "Override", true),
                "ContentTypeOptions", Map.of("Override", true),
                "FrameOptions", Map.of("FrameOption", "DENY", "Override", true),
                "ReferrerPolicy", Map.of("ReferrerPolicy", "no-referrer", "Override", true))))))));
    assertThat(ConsoleSite.CONTENT_SECURITY_POLICY).contains("default-src 'self'", "frame-ancestors 'none'")
        .doesNotContain("unsafe-inline", "unsafe-eval");
  }

  @Test
  void outputs_nameTheConsoleUrlAndItsBucket() {
    assertThat(template.findOutputs("ConsoleUrl")).hasSize(1);
    assertThat(template.findOutputs("ConsoleBucketName")).hasSize(1);
  }
}
