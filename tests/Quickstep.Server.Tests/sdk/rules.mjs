// Drives a running Quickstep server's EventBridge rules and targets with the official AWS SDK for JavaScript (v3):
// every rule/target operation and its errors, then delivery to each target kind. Prints one JSON object: per step,
// the fields the C# test asserts, or {error, message, status}.
// usage: node rules.mjs http://127.0.0.1:PORT
import * as eb from '@aws-sdk/client-eventbridge';
import * as sqsApi from '@aws-sdk/client-sqs';
import * as snsApi from '@aws-sdk/client-sns';
import * as sfnApi from '@aws-sdk/client-sfn';
import { recorder } from './common.mjs';

const endpoint = process.argv[2];
const common = { endpoint, region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'x' }, maxAttempts: 1 };
const events = new eb.EventBridgeClient(common);
const sqs = new sqsApi.SQSClient(common);
const sns = new snsApi.SNSClient(common);
const sfn = new sfnApi.SFNClient({ ...common, disableHostPrefix: true });
const send = (name, input) => events.send(new eb[`${name}Command`](input));
const { out, step } = recorder();
const account = '123456789012';
const queueArn = n => `arn:aws:sqs:us-east-1:${account}:${n}`;
const queue = async n => (await sqs.send(new sqsApi.CreateQueueCommand({ QueueName: n }))).QueueUrl;
const receive = async (url, want = 1, seconds = 10) => {
  const got = [];
  const until = Date.now() + seconds * 1000;
  while (got.length < want && Date.now() < until) {
    const r = await sqs.send(new sqsApi.ReceiveMessageCommand({ QueueUrl: url, MaxNumberOfMessages: 10, WaitTimeSeconds: 1, MessageAttributeNames: ['All'] }));
    for (const m of r.Messages ?? []) {
      got.push(m);
      await sqs.send(new sqsApi.DeleteMessageCommand({ QueueUrl: url, ReceiptHandle: m.ReceiptHandle }));
    }
  }
  return got;
};
const pattern = JSON.stringify({ source: ['com.example.orders'] });

// --- rules: create, describe, list, enable/disable, errors
await send('CreateEventBus', { Name: 'orders' });
await step('putRule', () => send('PutRule', { Name: 'orders-rule', EventPattern: pattern, Description: 'orders', RoleArn: `arn:aws:iam::${account}:role/r` }));
await step('putRuleCustomBus', () => send('PutRule', { Name: 'on-orders', EventBusName: 'orders', EventPattern: pattern }));
await step('putRuleSchedule', () => send('PutRule', { Name: 'every-5', ScheduleExpression: 'rate(5 minutes)', State: 'DISABLED' }));
await step('putRuleNothing', () => send('PutRule', { Name: 'nothing' }));
await step('putRuleBadPattern', () => send('PutRule', { Name: 'bad', EventPattern: '{"source": "not-an-array"}' }));
await step('putRuleBadSchedule', () => send('PutRule', { Name: 'bad', ScheduleExpression: 'every 5 minutes' }));
await step('putRuleBadRateUnit', () => send('PutRule', { Name: 'bad', ScheduleExpression: 'rate(1 minutes)' }));
await step('putRuleScheduleCustomBus', () => send('PutRule', { Name: 'bad', EventBusName: 'orders', ScheduleExpression: 'rate(1 hour)' }));
await step('putRuleBadState', () => send('PutRule', { Name: 'bad', EventPattern: pattern, State: 'ON' }));
await step('putRuleBadName', () => send('PutRule', { Name: 'bad name', EventPattern: pattern }));
await step('putRuleMissingBus', () => send('PutRule', { Name: 'x', EventBusName: 'nope', EventPattern: pattern }));
await step('describeRule', () => send('DescribeRule', { Name: 'orders-rule' }));
await step('describeCustomBus', () => send('DescribeRule', { Name: 'on-orders', EventBusName: 'orders' }));
await step('describeMissing', () => send('DescribeRule', { Name: 'nope' }));
await step('listRules', async () => (await send('ListRules', {})).Rules.map(r => r.Name));
await step('listRulesPrefix', async () => (await send('ListRules', { NamePrefix: 'orders' })).Rules.map(r => r.Name));
await step('listRulesPaged', async () => {
  const names = [];
  let token, pages = 0;
  do {
    const r = await send('ListRules', { Limit: 1, NextToken: token });
    names.push(...r.Rules.map(x => x.Name));
    token = r.NextToken;
    pages++;
  } while (token && pages < 10);
  return { names, pages };
});
await step('disable', async () => { await send('DisableRule', { Name: 'orders-rule' }); return (await send('DescribeRule', { Name: 'orders-rule' })).State; });
await step('enable', async () => { await send('EnableRule', { Name: 'orders-rule' }); return (await send('DescribeRule', { Name: 'orders-rule' })).State; });
await step('enableMissing', () => send('EnableRule', { Name: 'nope' }));

// --- targets
await step('putTargets', () => send('PutTargets', { Rule: 'orders-rule', Targets: [
  { Id: 't1', Arn: queueArn('a') }, { Id: 't2', Arn: queueArn('b'), Input: '{not json' }, { Id: 't3', Arn: 'not-an-arn' },
] }));
await step('putTargetsMissingRule', () => send('PutTargets', { Rule: 'nope', Targets: [{ Id: 't1', Arn: queueArn('a') }] }));
await step('putTargetsTooMany', () => send('PutTargets', { Rule: 'orders-rule', Targets: [1, 2, 3, 4, 5].map(i => ({ Id: `n${i}`, Arn: queueArn('a') })) }));
await step('listTargets', async () => (await send('ListTargetsByRule', { Rule: 'orders-rule' })).Targets.map(t => ({ Id: t.Id, Arn: t.Arn })));
await step('listTargetsMissingRule', () => send('ListTargetsByRule', { Rule: 'nope' }));
await step('ruleNamesByTarget', async () => (await send('ListRuleNamesByTarget', { TargetArn: queueArn('a') })).RuleNames);
await step('deleteWithTargets', () => send('DeleteRule', { Name: 'orders-rule' }));
await step('removeTargets', () => send('RemoveTargets', { Rule: 'orders-rule', Ids: ['t1'] }));
await step('deleteRule', async () => { await send('DeleteRule', { Name: 'orders-rule' }); return 'ok'; });
await step('describeDeleted', () => send('DescribeRule', { Name: 'orders-rule' }));
await step('deleteMissing', async () => { await send('DeleteRule', { Name: 'never-was' }); return 'ok'; });

// --- delivery: state machine, queue (with each input kind), topic, other bus, dead-letter queue, disabled rule
const sink = await queue('workflow-sink');
const machine = await sfn.send(new sfnApi.CreateStateMachineCommand({
  name: 'on-order', type: 'EXPRESS', roleArn: `arn:aws:iam::${account}:role/r`,
  definition: JSON.stringify({ StartAt: 'Send', States: { Send: { Type: 'Task', Resource: 'arn:aws:states:::sqs:sendMessage',
    Parameters: { QueueUrl: sink, 'MessageBody.$': 'States.JsonToString($)' }, End: true } } }),
}));
const urls = {};
for (const n of ['raw', 'constant', 'path', 'json-template', 'text-template', 'via-topic', 'via-bus', 'dlq', 'disabled']) urls[n] = await queue(n);
const topic = (await sns.send(new snsApi.CreateTopicCommand({ Name: 'order-topic' }))).TopicArn;
await sns.send(new snsApi.SubscribeCommand({ TopicArn: topic, Protocol: 'sqs', Endpoint: queueArn('via-topic'), Attributes: { RawMessageDelivery: 'true' } }));
await queue('gone');
await sqs.send(new sqsApi.DeleteQueueCommand({ QueueUrl: `${endpoint}/${account}/gone` }));

await send('PutRule', { Name: 'to-workflow', EventPattern: JSON.stringify({ source: ['com.example.orders'], 'detail-type': ['OrderPlaced'] }) });
await send('PutTargets', { Rule: 'to-workflow', Targets: [{ Id: 'sm', Arn: machine.stateMachineArn, RoleArn: `arn:aws:iam::${account}:role/r` }] });
await send('PutRule', { Name: 'to-queues', EventPattern: JSON.stringify({ source: ['com.example.orders'], 'detail-type': ['OrderPlaced'] }) });
await step('putDeliveryTargets', () => send('PutTargets', { Rule: 'to-queues', Targets: [
  { Id: 'raw', Arn: queueArn('raw') },
  { Id: 'constant', Arn: queueArn('constant'), Input: '{"fixed":true}' },
  { Id: 'path', Arn: queueArn('path'), InputPath: '$.detail.items[1]' },
  { Id: 'json', Arn: queueArn('json-template'), InputTransformer: {
    InputPathsMap: { id: '$.detail.orderId', total: '$.detail.total', items: '$.detail.items', customer: '$.detail.customer', gone: '$.detail.nope' },
    InputTemplate: '{"id": <id>, "quoted": "<id>", "total": <total>, "items": <items>, "customerText": "<customer>", "customer": <customer>, "missing": <gone>, "rule": "<aws.events.rule-name>", "ruleArn": <aws.events.rule-arn>, "ingested": "<aws.events.event.ingestion-time>", "event": <aws.events.event>, "whole": <aws.events.event.json>}' } },
  { Id: 'text', Arn: queueArn('text-template'), InputTransformer: { InputPathsMap: { id: '$.detail.orderId', total: '$.detail.total' }, InputTemplate: '"Order <id> totals <total>"' } },
] }));
await send('PutRule', { Name: 'to-topic-and-bus', EventPattern: JSON.stringify({ 'detail-type': ['OrderPlaced'] }) });
await send('PutTargets', { Rule: 'to-topic-and-bus', Targets: [
  { Id: 'topic', Arn: topic }, { Id: 'bus', Arn: `arn:aws:events:us-east-1:${account}:event-bus/orders` },
  { Id: 'gone', Arn: queueArn('gone'), DeadLetterConfig: { Arn: queueArn('dlq') }, RetryPolicy: { MaximumRetryAttempts: 3, MaximumEventAgeInSeconds: 120 } },
] });
await send('PutTargets', { Rule: 'on-orders', EventBusName: 'orders', Targets: [{ Id: 'q', Arn: queueArn('via-bus') }] });
await send('PutRule', { Name: 'switched-off', EventPattern: pattern, State: 'DISABLED' });
await send('PutTargets', { Rule: 'switched-off', Targets: [{ Id: 'q', Arn: queueArn('disabled') }] });

const detail = { orderId: 'o-7', total: 42.5, items: ['apple', 'pear'], customer: { name: 'Ann' } };
await step('putEvents', async () => {
  const r = await send('PutEvents', { Entries: [
    { Source: 'com.example.orders', DetailType: 'OrderPlaced', Detail: JSON.stringify(detail), Resources: ['arn:aws:s3:::orders'] },
    { Source: 'com.example.orders', DetailType: 'OrderCancelled', Detail: '{"orderId":"o-8"}' },
  ] });
  return { FailedEntryCount: r.FailedEntryCount, id: r.Entries[0].EventId };
});
const body = async n => (await receive(urls[n]))[0]?.Body ?? null;
await step('workflow', async () => (await receive(sink)).map(m => m.Body));
for (const n of ['raw', 'constant', 'path', 'json-template', 'text-template', 'via-topic', 'via-bus']) await step(n, () => body(n));
await step('dlq', async () => (await receive(urls.dlq)).map(m => ({ body: m.Body, attributes: Object.fromEntries(Object.entries(m.MessageAttributes ?? {}).map(([k, v]) => [k, v.StringValue])) })));
// Everything above was delivered; a disabled rule's queue and the cancelled order's got nothing.
await step('disabled', async () => (await receive(urls.disabled, 1, 2)).length);
await step('workflowAgain', async () => (await receive(sink, 1, 1)).length);

console.log(JSON.stringify(out));
