// Asynchronous (Event) invocations of failing functions with the official AWS SDK for JavaScript (v3): Lambda's
// retries, then the on-failure destination (an SQS queue). Prints one JSON object.
// usage: node lambda-retries.mjs http://127.0.0.1:PORT
import * as lambda from '@aws-sdk/client-lambda';
import * as sqs from '@aws-sdk/client-sqs';

const [endpoint] = process.argv.slice(2);
const config = { endpoint, region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'x' }, maxAttempts: 1 };
const lam = new lambda.LambdaClient(config);
const queues = new sqs.SQSClient(config);
const event = (name, payload) => lam.send(new lambda.InvokeCommand({ FunctionName: name, InvocationType: 'Event', Payload: Buffer.from(JSON.stringify(payload)) }));

const out = {};
out.statuses = [
  (await event('FailAlways', { id: 'always' })).StatusCode,
  (await event('Flaky', { id: 'flaky', succeedOn: 2 })).StatusCode,
  (await event('NoRetries', { id: 'once' })).StatusCode,
];
const { QueueUrl } = await queues.send(new sqs.GetQueueUrlCommand({ QueueName: 'lambda-failures' }));
const records = [];
const started = Date.now();
while (records.length === 0 && Date.now() - started < 60000) {
  const r = await queues.send(new sqs.ReceiveMessageCommand({ QueueUrl, WaitTimeSeconds: 5, MaxNumberOfMessages: 10 }));
  for (const m of r.Messages ?? []) records.push(JSON.parse(m.Body));
}
// Anything else that arrives in the next seconds would be a record that should not exist (Flaky succeeded, NoRetries has no destination).
const late = await queues.send(new sqs.ReceiveMessageCommand({ QueueUrl, WaitTimeSeconds: 3, MaxNumberOfMessages: 10 }));
for (const m of late.Messages ?? []) records.push(JSON.parse(m.Body));
out.records = records;
console.log(JSON.stringify(out));
