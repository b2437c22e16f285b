// Bad requests the official AWS SDK for JavaScript (v3) can send, one per service: each must come back as the
// service's modeled error (name, 4xx status), parsed by the SDK itself. Prints one JSON object: step -> {error, status}.
// usage: node sdk-battery.mjs http://127.0.0.1:PORT
import { createRequire } from 'node:module';

const require = createRequire(new URL('../sdk/package.json', import.meta.url));
const sfn = require('@aws-sdk/client-sfn');
const sqs = require('@aws-sdk/client-sqs');
const sns = require('@aws-sdk/client-sns');
const eb = require('@aws-sdk/client-eventbridge');
const s3 = require('@aws-sdk/client-s3');
const lambda = require('@aws-sdk/client-lambda');
const glue = require('@aws-sdk/client-glue');
const scheduler = require('@aws-sdk/client-scheduler');
const pipes = require('@aws-sdk/client-pipes');

const endpoint = process.argv[2];
const config = { endpoint, region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'x' }, maxAttempts: 1, disableHostPrefix: true };
const out = {};
const step = async (name, fn) => {
  const started = Date.now();
  try {
    await fn();
    out[name] = { error: null };
  } catch (e) {
    out[name] = { error: e.name, status: e.$metadata?.httpStatusCode, ms: Date.now() - started };
  }
};
const long = c => c.repeat(10_000);

await step('sfnLoneSurrogateName', () => new sfn.SFNClient(config).send(new sfn.CreateStateMachineCommand({ name: 'a\ud800', definition: '{}', roleArn: 'arn:aws:iam::123456789012:role/r', type: 'EXPRESS' })));
await step('sfnLongArn', () => new sfn.SFNClient(config).send(new sfn.DescribeStateMachineCommand({ stateMachineArn: 'arn:aws:states:us-east-1:123456789012:stateMachine:' + long('m') })));
await step('sfnTamperedToken', () => new sfn.SFNClient(config).send(new sfn.ListStateMachinesCommand({ nextToken: 'AAAA%%tampered' })));
await step('sqsLongName', () => new sqs.SQSClient(config).send(new sqs.CreateQueueCommand({ QueueName: 'q'.repeat(81) })));
await step('sqsTamperedReceipt', async () => {
  const client = new sqs.SQSClient(config);
  const { QueueUrl } = await client.send(new sqs.CreateQueueCommand({ QueueName: 'sdk-battery' }));
  await client.send(new sqs.DeleteMessageCommand({ QueueUrl, ReceiptHandle: 'tampered' }));
});
await step('snsBadArn', () => new sns.SNSClient(config).send(new sns.PublishCommand({ TopicArn: 'not-an-arn', Message: 'x' })));
await step('eventsBadPattern', () => new eb.EventBridgeClient(config).send(new eb.PutRuleCommand({ Name: 'r', EventPattern: '{' })));
await step('eventsTamperedToken', () => new eb.EventBridgeClient(config).send(new eb.ListRulesCommand({ NextToken: 'AAAA%%tampered' })));
await step('s3BadBucket', () => new s3.S3Client({ ...config, forcePathStyle: true }).send(new s3.CreateBucketCommand({ Bucket: 'Bad_Bucket' })));
await step('lambdaUnknown', () => new lambda.LambdaClient(config).send(new lambda.GetFunctionCommand({ FunctionName: 'nobody' })));
await step('glueUnknownJob', () => new glue.GlueClient(config).send(new glue.StartJobRunCommand({ JobName: 'nobody' })));
await step('schedulerBadExpression', () => new scheduler.SchedulerClient(config).send(new scheduler.CreateScheduleCommand({
  Name: 's', ScheduleExpression: 'rate(0 lightyears)', FlexibleTimeWindow: { Mode: 'OFF' },
  Target: { Arn: 'arn:aws:sqs:us-east-1:123456789012:q', RoleArn: 'arn:aws:iam::123456789012:role/r' },
})));
await step('pipesTamperedToken', () => new pipes.PipesClient(config).send(new pipes.ListPipesCommand({ NextToken: 'AAAA%%tampered' })));
await step('stillServes', () => new sfn.SFNClient(config).send(new sfn.ListStateMachinesCommand({})));

console.log(JSON.stringify(out));
