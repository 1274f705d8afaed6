package com.securemodel.infra;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Fn;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.cloudfront.AllowedMethods;
import software.amazon.awscdk.services.cloudfront.BehaviorOptions;
import software.amazon.awscdk.services.cloudfront.CachePolicy;
import software.amazon.awscdk.services.cloudfront.Distribution;
import software.amazon.awscdk.services.cloudfront.HeadersFrameOption;
import software.amazon.awscdk.services.cloudfront.HeadersReferrerPolicy;
import software.amazon.awscdk.services.cloudfront.HttpVersion;
import software.amazon.awscdk.services.cloudfront.OriginProtocolPolicy;
import software.amazon.awscdk.services.cloudfront.OriginRequestPolicy;
import software.amazon.awscdk.services.cloudfront.PriceClass;
import software.amazon.awscdk.services.cloudfront.ResponseHeadersContentSecurityPolicy;
import software.amazon.awscdk.services.cloudfront.ResponseHeadersContentTypeOptions;
import software.amazon.awscdk.services.cloudfront.ResponseHeadersFrameOptions;
import software.amazon.awscdk.services.cloudfront.ResponseHeadersPolicy;
import software.amazon.awscdk.services.cloudfront.ResponseHeadersReferrerPolicy;
import software.amazon.awscdk.services.cloudfront.ResponseHeadersStrictTransportSecurity;
import software.amazon.awscdk.services.cloudfront.ResponseSecurityHeadersBehavior;
import software.amazon.awscdk.services.cloudfront.ViewerProtocolPolicy;
import software.amazon.awscdk.services.cloudfront.origins.HttpOrigin;
import software.amazon.awscdk.services.cloudfront.origins.HttpOriginProps;
import software.amazon.awscdk.services.cloudfront.origins.S3BucketOrigin;
import software.amazon.awscdk.services.s3.BlockPublicAccess;
import software.amazon.awscdk.services.s3.Bucket;
import software.amazon.awscdk.services.s3.BucketEncryption;
import software.amazon.awscdk.services.s3.LifecycleRule;
import software.amazon.awscdk.services.s3.ObjectOwnership;
import software.constructs.Construct;

/**
 * The client console on AWS: its static files (built by {@code ./mvnw} into
 * {@code functions/target/generated-resources/console}, uploaded with {@code aws s3 sync}) in a private bucket that
 * only this CloudFront distribution reads (origin access control), HTTPS only, every answer with a security-headers
 * policy (the same strict Content Security Policy as the local server's), standard access logs for the distribution
 * and server access logs for the bucket. {@code /v1/*} goes to the HTTP API and {@code /v1/chat/completions} to the
 * streaming Function URL, uncached with the viewer's headers, so the console calls its own origin (no CORS).
 *
 * @see <a href="https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/private-content-restricting-access-to-s3.html">
 *     Restricting access to an S3 origin (OAC)</a>
 * @see <a href="https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/understanding-response-headers-policies.html">
 *     Response headers policies</a>
 */
public final class ConsoleSite extends Construct {

  /** The policy of every answer; the API is same-origin behind the distribution. */
  public static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
      + "img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; "
      + "form-action 'self'; frame-ancestors 'none'";

  private final Bucket bucket;
  private final Distribution distribution;

  /**
   * @param apiUrl the HTTP API's base URL ({@code https://<id>.execute-api.<region>.amazonaws.com})
   * @param streamingUrl the streaming Function URL ({@code https://<id>.lambda-url.<region>.on.aws/})
   */
  public ConsoleSite(Construct scope, String id, String apiUrl, String streamingUrl) {
    super(scope, id);
    Bucket logs = Bucket.Builder.create(this, "Logs")
        .encryption(BucketEncryption.S3_MANAGED)
        .blockPublicAccess(BlockPublicAccess.BLOCK_ALL)
        // CloudFront standard logs are written with an ACL grant to the bucket owner
        .objectOwnership(ObjectOwnership.BUCKET_OWNER_PREFERRED)
        .enforceSsl(true)
        .versioned(true)
        .lifecycleRules(List.of(LifecycleRule.builder().expiration(Duration.days(400))
            .noncurrentVersionExpiration(Duration.days(30)).build()))
        .removalPolicy(RemovalPolicy.RETAIN)
        .build();
    bucket = Bucket.Builder.create(this, "Files")
        .encryption(BucketEncryption.S3_MANAGED)
        .blockPublicAccess(BlockPublicAccess.BLOCK_ALL)
        .objectOwnership(ObjectOwnership.BUCKET_OWNER_ENFORCED)
        .enforceSsl(true)
        .versioned(true)
        .serverAccessLogsBucket(logs)
        .serverAccessLogsPrefix("console-bucket/")
        .lifecycleRules(List.of(LifecycleRule.builder().noncurrentVersionExpiration(Duration.days(30)).build()))
        .removalPolicy(RemovalPolicy.RETAIN)
        .build();

    ResponseHeadersPolicy headers = ResponseHeadersPolicy.Builder.create(this, "SecurityHeaders")
        .comment("Secure Model Service console: strict CSP and security headers")
        .securityHeadersBehavior(ResponseSecurityHeadersBehavior.builder()
            .contentSecurityPolicy(ResponseHeadersContentSecurityPolicy.builder()
                .contentSecurityPolicy(CONTENT_SECURITY_POLICY).override(true).build())
            .contentTypeOptions(ResponseHeadersContentTypeOptions.builder().override(true).build())
            .frameOptions(ResponseHeadersFrameOptions.builder().frameOption(HeadersFrameOption.DENY).override(true)
                .build())
            .referrerPolicy(ResponseHeadersReferrerPolicy.builder().referrerPolicy(HeadersReferrerPolicy.NO_REFERRER)
                .override(true).build())
            .strictTransportSecurity(ResponseHeadersStrictTransportSecurity.builder()
                .accessControlMaxAge(Duration.days(365)).includeSubdomains(true).override(true).build())
            .build())
        .build();
    BehaviorOptions api = apiBehavior(new HttpOrigin(host(apiUrl), originOptions()), headers);
    BehaviorOptions streaming = apiBehavior(new HttpOrigin(host(streamingUrl), originOptions()), headers);
    distribution = Distribution.Builder.create(this, "Distribution")
        .comment("Secure Model Service console")
        .defaultRootObject("index.html")
        .httpVersion(HttpVersion.HTTP2_AND_3)
        .priceClass(PriceClass.PRICE_CLASS_100)
        .enableLogging(true)
        .logBucket(logs)
        .logFilePrefix("cloudfront/")
        .defaultBehavior(BehaviorOptions.builder()
            .origin(S3BucketOrigin.withOriginAccessControl(bucket))
            .viewerProtocolPolicy(ViewerProtocolPolicy.HTTPS_ONLY)
            .allowedMethods(AllowedMethods.ALLOW_GET_HEAD)
            .cachePolicy(CachePolicy.CACHING_OPTIMIZED)
            .responseHeadersPolicy(headers)
            .compress(true)
            .build())
        .additionalBehaviors(behaviors(streaming, api))
        .build();

    Nag.suppress(logs, "AwsSolutions-S1",
        "This bucket is the access log destination of the console bucket and distribution; logging it into itself "
            + "would loop.");
    Nag.suppress(logs, "HIPAA.Security-S3BucketLoggingEnabled",
        "This bucket is the access log destination; logging it into itself would loop.");
    for (Bucket b : List.of(bucket, logs)) {
      Nag.suppress(b, "HIPAA.Security-S3DefaultEncryptionKMS",
          "SSE-S3: the console bucket holds the console's public static files (no tenant data) read through "
              + "CloudFront OAC, and S3 and CloudFront access logs are delivered only to SSE-S3 buckets.");
      Nag.suppress(b, "HIPAA.Security-S3BucketReplicationEnabled",
          "The console's files are rebuilt from source by every deployment; logs are versioned and retained.");
    }
    Nag.suppress(distribution, "AwsSolutions-CFR1",
        "The console is for the service's clients wherever they are; the API authenticates every call.");
    Nag.suppress(distribution, "AwsSolutions-CFR2",
        "A web ACL is the adopting account's choice (it costs per request); the API keeps its own throttling and "
            + "authenticates every call.");
    Nag.suppress(distribution, "AwsSolutions-CFR4",
        "The distribution's default *.cloudfront.net certificate: CloudFront then allows TLSv1 viewers. Put a custom "
            + "domain and ACM certificate in front (TLSv1.2_2021) to raise the minimum.");
  }

  /** CloudFront tries behaviors in order: the streaming route before the rest of {@code /v1/}. */
  private static Map<String, BehaviorOptions> behaviors(BehaviorOptions streaming, BehaviorOptions api) {
    Map<String, BehaviorOptions> ordered = new LinkedHashMap<>();
    ordered.put("/v1/chat/completions", streaming);
    ordered.put("/v1/*", api);
    return ordered;
  }

  private static HttpOriginProps originOptions() {
    return HttpOriginProps.builder()
        .protocolPolicy(OriginProtocolPolicy.HTTPS_ONLY)
        .readTimeout(Duration.seconds(60))
        .build();
  }

  private static BehaviorOptions apiBehavior(HttpOrigin origin, ResponseHeadersPolicy headers) {
    return BehaviorOptions.builder()
        .origin(origin)
        .viewerProtocolPolicy(ViewerProtocolPolicy.HTTPS_ONLY)
        .allowedMethods(AllowedMethods.ALLOW_ALL)
        .cachePolicy(CachePolicy.CACHING_DISABLED)
        .originRequestPolicy(OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER)
        .responseHeadersPolicy(headers)
        .compress(false)
        .build();
  }

  /** @return the host name of an {@code https://host[/...]} URL token */
  private static String host(String url) {
    return Fn.select(2, Fn.split("/", url));
  }

  public Bucket bucket() {
    return bucket;
  }

  public Distribution distribution() {
    return distribution;
  }
}
