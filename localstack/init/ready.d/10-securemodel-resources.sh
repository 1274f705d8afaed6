#!/usr/bin/env bash
# LocalStack ready hook: creates the Secure Model Service's table, queues and bucket.
# Names come from the environment of docker-compose.yml; the script is idempotent.
set -euo pipefail

table="${SECUREMODEL_TABLE:-securemodel}"
queues="${SECUREMODEL_QUEUES:-securemodel-jobs}"
bucket="${SECUREMODEL_BUCKET:-securemodel-batch}"

if ! awslocal dynamodb describe-table --table-name "$table" >/dev/null 2>&1; then
  awslocal dynamodb create-table \
    --table-name "$table" \
    --attribute-definitions AttributeName=pk,AttributeType=S AttributeName=sk,AttributeType=S \
    --key-schema AttributeName=pk,KeyType=HASH AttributeName=sk,KeyType=RANGE \
    --billing-mode PAY_PER_REQUEST >/dev/null
  awslocal dynamodb update-time-to-live --table-name "$table" \
    --time-to-live-specification Enabled=true,AttributeName=ttl >/dev/null
fi

for queue in $queues; do
  awslocal sqs create-queue --queue-name "$queue-dlq" >/dev/null
  dlq_arn=$(awslocal sqs get-queue-attributes --queue-url "$(awslocal sqs get-queue-url --queue-name "$queue-dlq" \
    --query QueueUrl --output text)" --attribute-names QueueArn --query Attributes.QueueArn --output text)
  awslocal sqs create-queue --queue-name "$queue" \
    --attributes "{\"RedrivePolicy\":\"{\\\"deadLetterTargetArn\\\":\\\"$dlq_arn\\\",\\\"maxReceiveCount\\\":\\\"5\\\"}\"}" \
    >/dev/null
done

awslocal s3 mb "s3://$bucket" >/dev/null 2>&1 || true

echo "securemodel: table $table, queues [$queues] (each with a -dlq), bucket $bucket ready on http://localhost:4566"
