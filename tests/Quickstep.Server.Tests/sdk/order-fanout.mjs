// Runs examples/order-fanout as its README does, with the AWS SDK for JavaScript instead of the CLI, and
// prints one JSON object: the execution's result, the message the queue's consumer received, the stored object.
// usage: node order-fanout.mjs http://127.0.0.1:PORT EXAMPLE_DIR
import { readFileSync } from 'node:fs';
import { SFNClient, CreateStateMachineCommand, StartSyncExecutionCommand } from '@aws-sdk/client-sfn';
import { SQSClient, ReceiveMessageCommand } from '@aws-sdk/client-sqs';
import { S3Client, GetObjectCommand } from '@aws-sdk/client-s3';

const [endpoint, dir] = process.argv.slice(2);
const common = { endpoint, region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'x' }, maxAttempts: 1 };
const sfn = new SFNClient({ ...common, disableHostPrefix: true });
const sqs = new SQSClient(common);
const s3 = new S3Client({ ...common, forcePathStyle: true });

await sfn.send(new CreateStateMachineCommand({
  name: 'order-fanout', type: 'EXPRESS', roleArn: 'arn:aws:iam::123456789012:role/quickstep',
  definition: readFileSync(`${dir}/order-fanout.asl.json`, 'utf8'),
}));
const run = await sfn.send(new StartSyncExecutionCommand({
  stateMachineArn: 'arn:aws:states:us-east-1:123456789012:stateMachine:order-fanout',
  input: readFileSync(`${dir}/order.input.json`, 'utf8'),
}));
const received = await sqs.send(new ReceiveMessageCommand({
  QueueUrl: `${endpoint}/123456789012/order-notifications`, WaitTimeSeconds: 5, MaxNumberOfMessages: 10,
}));
const stored = await s3.send(new GetObjectCommand({ Bucket: 'orders', Key: 'orders/o-1001.json' }));
console.log(JSON.stringify({
  status: run.status, error: run.error, cause: run.cause, output: run.output ? JSON.parse(run.output) : null,
  messages: (received.Messages ?? []).map(m => m.Body),
  object: await stored.Body.transformToString(), etag: stored.ETag,
}));
