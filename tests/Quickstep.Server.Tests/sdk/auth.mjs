// Signs requests with the official AWS SDK for JavaScript (v3) against a server that checks Signature Version 4 and
// prints one JSON object: for every step, {ok: …} or {error, message, status}.
// usage: node auth.mjs http://127.0.0.1:PORT ACCESS_KEY_ID SECRET
import { SFNClient, ListStateMachinesCommand } from '@aws-sdk/client-sfn';
import { SQSClient, SendMessageCommand } from '@aws-sdk/client-sqs';
import { S3Client, PutObjectCommand, GetObjectCommand } from '@aws-sdk/client-s3';
import { SNSClient, ListTopicsCommand } from '@aws-sdk/client-sns';

const [endpoint, accessKeyId, secretAccessKey] = process.argv.slice(2);
const common = (credentials, extra = {}) => ({ endpoint, region: 'us-east-1', credentials, maxAttempts: 1, ...extra });
const good = { accessKeyId, secretAccessKey };
const wrongSecret = { accessKeyId, secretAccessKey: secretAccessKey + 'x' };
const unknownKey = { accessKeyId: 'AKIDUNKNOWN', secretAccessKey };
const out = {};
const step = async (name, fn) => {
  try {
    out[name] = { ok: await fn() };
  } catch (e) {
    out[name] = { error: e.name, message: e.message, status: e.$metadata?.httpStatusCode };
  }
};

const sfn = c => new SFNClient(common(c, { disableHostPrefix: true }));
await step('sfnGood', async () => (await sfn(good).send(new ListStateMachinesCommand({}))).stateMachines.length);
await step('sfnWrongSecret', () => sfn(wrongSecret).send(new ListStateMachinesCommand({})));
await step('sfnUnknownKey', () => sfn(unknownKey).send(new ListStateMachinesCommand({})));
await step('sfnSkewed', () => new SFNClient(common(good, { disableHostPrefix: true, systemClockOffset: -20 * 60 * 1000 })).send(new ListStateMachinesCommand({})));

const sqs = c => new SQSClient(common(c));
const queueUrl = `${endpoint}/123456789012/orders`;
await step('sqsGood', async () => (await sqs(good).send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: 'signed by the SDK' }))).MessageId);
await step('sqsWrongSecret', () => sqs(wrongSecret).send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: 'refused' })));

const s3 = c => new S3Client(common(c, { forcePathStyle: true }));
const put = c => s3(c).send(new PutObjectCommand({ Bucket: 'auth-bucket', Key: 'dir/a b.txt', Body: 'hello' }));
await step('s3Good', async () => (await put(good)).ETag);
await step('s3GoodGet', async () => (await s3(good).send(new GetObjectCommand({ Bucket: 'auth-bucket', Key: 'dir/a b.txt' }))).Body.transformToString());
await step('s3WrongSecret', () => put(wrongSecret));
await step('s3UnknownKey', () => put(unknownKey));
await step('s3Skewed', () => new S3Client(common(good, { forcePathStyle: true, systemClockOffset: 20 * 60 * 1000 })).send(new PutObjectCommand({ Bucket: 'auth-bucket', Key: 'k', Body: 'x' })));

const sns = c => new SNSClient(common(c));
await step('snsGood', async () => (await sns(good).send(new ListTopicsCommand({}))).Topics.length);
await step('snsWrongSecret', () => sns(wrongSecret).send(new ListTopicsCommand({})));
await step('snsUnknownKey', () => sns(unknownKey).send(new ListTopicsCommand({})));

console.log(JSON.stringify(out));
