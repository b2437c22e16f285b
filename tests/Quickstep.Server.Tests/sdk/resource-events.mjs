// A file put into a bucket with EventBridge notifications on starts a workflow through a rule; the workflow's
// status changes reach a queue through another rule; a deletion reaches a third. Official AWS SDK for JavaScript v3.
// usage: node resource-events.mjs http://127.0.0.1:PORT
import * as eb from '@aws-sdk/client-eventbridge';
import * as sqsApi from '@aws-sdk/client-sqs';
import * as sfnApi from '@aws-sdk/client-sfn';
import * as s3Api from '@aws-sdk/client-s3';
import { recorder } from './common.mjs';

const endpoint = process.argv[2];
const common = { endpoint, region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'x' }, maxAttempts: 1 };
const events = new eb.EventBridgeClient(common);
const sqs = new sqsApi.SQSClient(common);
const sfn = new sfnApi.SFNClient({ ...common, disableHostPrefix: true });
const s3 = new s3Api.S3Client({ ...common, forcePathStyle: true });
const { out, step } = recorder();
const account = '123456789012';
const queueArn = n => `arn:aws:sqs:us-east-1:${account}:${n}`;
const queue = async n => (await sqs.send(new sqsApi.CreateQueueCommand({ QueueName: n }))).QueueUrl;
const receive = async (url, want = 1, seconds = 10) => {
  const got = [];
  const until = Date.now() + seconds * 1000;
  while (got.length < want && Date.now() < until) {
    const r = await sqs.send(new sqsApi.ReceiveMessageCommand({ QueueUrl: url, MaxNumberOfMessages: 10, WaitTimeSeconds: 1 }));
    for (const m of r.Messages ?? []) {
      got.push(JSON.parse(m.Body));
      await sqs.send(new sqsApi.DeleteMessageCommand({ QueueUrl: url, ReceiptHandle: m.ReceiptHandle }));
    }
  }
  return got;
};

const sink = await queue('upload-sink');
const statusQueue = await queue('status-changes');
const deletedQueue = await queue('deletions');
await s3.send(new s3Api.CreateBucketCommand({ Bucket: 'uploads' }));
await s3.send(new s3Api.CreateBucketCommand({ Bucket: 'quiet' }));
await step('getEmptyNotification', async () => Object.keys(await s3.send(new s3Api.GetBucketNotificationConfigurationCommand({ Bucket: 'uploads' }))).filter(k => k !== '$metadata'));
await step('putNotification', async () => { await s3.send(new s3Api.PutBucketNotificationConfigurationCommand({ Bucket: 'uploads', NotificationConfiguration: { EventBridgeConfiguration: {} } })); return 'ok'; });
await step('getNotification', async () => Boolean((await s3.send(new s3Api.GetBucketNotificationConfigurationCommand({ Bucket: 'uploads' }))).EventBridgeConfiguration));
await step('notificationMissingBucket', () => s3.send(new s3Api.PutBucketNotificationConfigurationCommand({ Bucket: 'nope', NotificationConfiguration: { EventBridgeConfiguration: {} } })));

const machine = await sfn.send(new sfnApi.CreateStateMachineCommand({
  name: 'on-upload', type: 'EXPRESS', roleArn: `arn:aws:iam::${account}:role/r`,
  definition: JSON.stringify({ StartAt: 'Send', States: { Send: { Type: 'Task', Resource: 'arn:aws:states:::sqs:sendMessage',
    Parameters: { QueueUrl: sink, 'MessageBody.$': 'States.JsonToString($)' }, ResultSelector: { sent: true }, End: true } } }),
}));
await events.send(new eb.PutRuleCommand({ Name: 'uploads-start-workflow', EventPattern: JSON.stringify({ source: ['aws.s3'], 'detail-type': ['Object Created'], detail: { bucket: { name: ['uploads'] } } }) }));
await events.send(new eb.PutTargetsCommand({ Rule: 'uploads-start-workflow', Targets: [{ Id: 'sm', Arn: machine.stateMachineArn,
  InputTransformer: { InputPathsMap: { bucket: '$.detail.bucket.name', key: '$.detail.object.key', size: '$.detail.object.size' }, InputTemplate: '{"bucket": <bucket>, "key": <key>, "size": <size>}' } }] }));
await events.send(new eb.PutRuleCommand({ Name: 'workflow-status', EventPattern: JSON.stringify({ source: ['aws.states'], 'detail-type': ['Step Functions Execution Status Change'], detail: { stateMachineArn: [machine.stateMachineArn] } }) }));
await events.send(new eb.PutTargetsCommand({ Rule: 'workflow-status', Targets: [{ Id: 'q', Arn: queueArn('status-changes') }] }));
await events.send(new eb.PutRuleCommand({ Name: 'deletions', EventPattern: JSON.stringify({ source: ['aws.s3'], 'detail-type': ['Object Deleted'] }) }));
await events.send(new eb.PutTargetsCommand({ Rule: 'deletions', Targets: [{ Id: 'q', Arn: queueArn('deletions') }] }));

const put = await s3.send(new s3Api.PutObjectCommand({ Bucket: 'uploads', Key: 'in/report.csv', Body: 'a,b\n1,2\n' }));
await s3.send(new s3Api.PutObjectCommand({ Bucket: 'quiet', Key: 'ignored.txt', Body: 'x' }));
out.etag = put.ETag;
await step('workflowInput', () => receive(sink));
await step('statusChanges', async () => (await receive(statusQueue, 2)).map(e => ({ source: e.source, detailType: e['detail-type'], resources: e.resources, detail: e.detail })));
await s3.send(new s3Api.DeleteObjectCommand({ Bucket: 'uploads', Key: 'in/report.csv' }));
await step('deleted', () => receive(deletedQueue));
await step('moreWorkflows', async () => (await receive(sink, 1, 2)).length);
console.log(JSON.stringify(out));
