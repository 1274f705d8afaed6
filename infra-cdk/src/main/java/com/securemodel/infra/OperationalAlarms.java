package com.securemodel.infra;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.cloudwatch.Alarm;
import software.amazon.awscdk.services.cloudwatch.ComparisonOperator;
import software.amazon.awscdk.services.cloudwatch.IMetric;
import software.amazon.awscdk.services.cloudwatch.MathExpression;
import software.amazon.awscdk.services.cloudwatch.MetricOptions;
import software.amazon.awscdk.services.cloudwatch.TreatMissingData;
import software.amazon.awscdk.services.cloudwatch.actions.SnsAction;
import software.amazon.awscdk.services.apigatewayv2.HttpApi;
import software.amazon.awscdk.services.kms.IKey;
import software.amazon.awscdk.services.sns.Topic;
import software.amazon.awscdk.services.sns.subscriptions.EmailSubscription;
import software.amazon.awscdk.services.sqs.IQueue;
import software.constructs.Construct;

/**
 * Alarms that page the operators through one KMS-encrypted, TLS-only SNS topic: any message in a dead-letter queue,
 * any Lambda error or throttle, and an HTTP API 5xx rate above 5 %.
 *
 * @see <a href="https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/Best_Practice_Recommended_Alarms_AWS_Services.html">
 *     Recommended CloudWatch alarms</a>
 */
public final class OperationalAlarms extends Construct {

  private static final Duration PERIOD = Duration.minutes(5);

  private final Topic topic;

  public OperationalAlarms(Construct scope, String id, IKey key, Optional<String> email) {
    super(scope, id);
    topic = Topic.Builder.create(this, "Topic")
        .masterKey(key)
        .enforceSsl(true)
        .build();
    email.ifPresent(address -> topic.addSubscription(new EmailSubscription(address)));
  }

  public void onDeadLetters(String name, IQueue dlq) {
    alarm(name + "DlqNotEmpty", dlq.metricApproximateNumberOfMessagesVisible(
        MetricOptions.builder().statistic("Maximum").period(PERIOD).build()), 0,
        "Messages in the " + name + " dead-letter queue: redrive after fixing the cause");
  }

  public void onFunctionFailures(String name, software.amazon.awscdk.services.lambda.Function function) {
    MetricOptions sum = MetricOptions.builder().statistic("Sum").period(PERIOD).build();
    alarm(name + "Errors", function.metricErrors(sum), 0, "Lambda " + name + " errors");
    alarm(name + "Throttles", function.metricThrottles(sum), 0, "Lambda " + name + " throttles");
  }

  public void onApiServerErrors(HttpApi api, double percent) {
    MetricOptions sum = MetricOptions.builder().statistic("Sum").period(PERIOD).build();
    IMetric rate = MathExpression.Builder.create()
        .expression("IF(requests > 0, 100 * errors / requests, 0)")
        .usingMetrics(new TreeMap<>(Map.of("errors", api.metricServerError(sum), "requests", api.metricCount(sum))))
        .period(PERIOD)
        .label("HTTP API 5xx %")
        .build();
    alarm("Api5xxRate", rate, percent, "HTTP API 5xx responses above " + percent + " % of requests");
  }

  private void alarm(String id, IMetric metric, double threshold, String description) {
    Alarm alarm = Alarm.Builder.create(this, id)
        .metric(metric)
        .threshold(threshold)
        .comparisonOperator(ComparisonOperator.GREATER_THAN_THRESHOLD)
        .evaluationPeriods(1)
        .treatMissingData(TreatMissingData.NOT_BREACHING)
        .alarmDescription(description)
        .build();
    alarm.addAlarmAction(new SnsAction(topic));
  }

  public Topic topic() {
    return topic;
  }
}
