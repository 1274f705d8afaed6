package com.securemodel.infra;

import io.github.cdklabs.cdknag.AwsSolutionsChecks;
import io.github.cdklabs.cdknag.HIPAASecurityChecks;
import io.github.cdklabs.cdknag.NagPackProps;
import java.util.Optional;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Aspects;
import software.amazon.awscdk.Environment;
import software.amazon.awscdk.StackProps;

/**
 * The CDK app ({@code cdk synth} / {@code cdk deploy} from {@code infra-cdk/}). The stack is environment-agnostic
 * unless context {@code account} and {@code region} are given, so synthesis needs no credentials and performs no
 * lookup. cdk-nag's AWS Solutions and HIPAA Security packs run on every synthesis: an unsuppressed finding is an
 * error and fails {@code cdk synth}.
 *
 * @see <a href="https://docs.aws.amazon.com/cdk/v2/guide/environments.html">CDK environments</a>
 * @see <a href="https://github.com/cdklabs/cdk-nag">cdk-nag</a>
 */
public final class SecureModelApp {

  public static final String STACK_NAME = "SecureModelService";

  private SecureModelApp() {
  }

  public static void main(String[] args) {
    App app = new App();
    create(app);
    app.synth();
  }

  /** Adds the stack (settings from {@code app}'s context) and the cdk-nag packs to {@code app}. */
  public static SecureModelStack create(App app) {
    app.getNode().setContext("@aws-cdk/aws-s3:serverAccessLogsUseBucketPolicy", true);
    StackSettings settings = StackSettings.fromContext(app.getNode());
    StackProps.Builder props = StackProps.builder()
        .description("Secure Model Service: LLM deployments on SageMaker behind a HIPAA-minded serverless API");
    Optional<String> account = Optional.ofNullable(app.getNode().tryGetContext("account")).map(String::valueOf);
    Optional<String> region = Optional.ofNullable(app.getNode().tryGetContext("region")).map(String::valueOf);
    if (account.isPresent() || region.isPresent()) {
      props.env(Environment.builder().account(account.orElse(null)).region(region.orElse(null)).build());
    }
    SecureModelStack stack = new SecureModelStack(app, STACK_NAME, props.build(), settings);
    Aspects.of(app).add(new AwsSolutionsChecks(NagPackProps.builder().verbose(true).build()));
    Aspects.of(app).add(new HIPAASecurityChecks(NagPackProps.builder().verbose(true).build()));
    return stack;
  }
}
