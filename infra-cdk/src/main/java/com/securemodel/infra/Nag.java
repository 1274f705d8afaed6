package com.securemodel.infra;

import io.github.cdklabs.cdknag.NagPackSuppression;
import io.github.cdklabs.cdknag.NagSuppressions;
import io.github.cdklabs.cdknag.RegexAppliesTo;
import java.util.Arrays;
import java.util.List;
import software.amazon.awscdk.CfnResource;
import software.constructs.IConstruct;

/**
 * Reviewed cdk-nag suppressions, kept next to the resource they concern. Every one names its rule and says why.
 *
 * @see <a href="https://github.com/cdklabs/cdk-nag#suppressing-a-rule">cdk-nag suppressions</a>
 */
final class Nag {

  /** The wildcards that CDK's own {@code grant*} methods write (object keys, index ARNs, action families). */
  static final String GRANT_WILDCARDS_REASON =
      "Wildcards written by CDK grant methods on resources this stack owns: object keys under a prefix of the "
          + "service bucket, the table's index ARNs, and the read/write action families of S3 and KMS scoped to "
          + "one bucket or one key.";

  private Nag() {
  }

  static void suppress(IConstruct construct, String rule, String reason, Object... appliesTo) {
    NagSuppressions.addResourceSuppressions(construct, List.of(rule(rule, reason, appliesTo)), true);
  }

  static NagPackSuppression rule(String rule, String reason, Object... appliesTo) {
    NagPackSuppression.Builder builder = NagPackSuppression.builder().id(rule).reason(reason);
    if (appliesTo.length > 0) {
      builder.appliesTo(Arrays.asList(appliesTo));
    }
    return builder.build();
  }

  static RegexAppliesTo regex(String regex) {
    return RegexAppliesTo.builder().regex(regex).build();
  }

  /**
   * Suppresses HIPAA's inline-policy rule on every {@code AWS::IAM::Policy} under {@code scope}: CDK's grant methods
   * write one such policy per role, attached to that role only and reviewed as code. Call it last.
   */
  static void grantPolicies(IConstruct scope) {
    for (IConstruct node : scope.getNode().findAll()) {
      if (node instanceof CfnResource resource && "AWS::IAM::Policy".equals(resource.getCfnResourceType())) {
        NagSuppressions.addResourceSuppressions(node, List.of(rule("HIPAA.Security-IAMNoInlinePolicy",
            "Policy written by CDK grant methods for exactly one role of this stack, least privilege per resource "
                + "and reviewed as code; a customer-managed policy per role would add no control.")));
      }
    }
  }

  /** Suppresses IAM5 for the wildcard shapes that CDK grant methods produce, and nothing else. */
  static void grantWildcards(IConstruct role) {
    suppress(role, "AwsSolutions-IAM5", GRANT_WILDCARDS_REASON,
        regex("/^Action::s3:(GetObject|GetBucket|List|DeleteObject|Abort)\\*$/g"),
        regex("/^Action::kms:(GenerateDataKey|ReEncrypt)\\*$/g"),
        regex("/^Resource::<[A-Za-z0-9]+\\.Arn>/(batch-input|batch-output|models|files|\\*)[^*]*\\*$/g"),
        regex("/^Resource::<[A-Za-z0-9]+\\.Arn>/index/\\*$/g"));
  }
}
