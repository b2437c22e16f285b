// Drives a running Quickstep server's EventBridge Pipes API with the official AWS SDK for JavaScript (v3): every
// operation and its errors, then queues feeding workflows (1,000 messages, some failing). Prints one JSON object.
// usage: node pipes-scenario.mjs http://127.0.0.1:PORT
import { createRequire } from 'node:module';
import { recorder } from '../sdk/common.mjs';

const require = createRequire(new URL('../sdk/package.json', import.meta.url));
const pipes = require('@aws-sdk/client-pipes');
const sqs = require('@aws-sdk/client-sqs');
const sfn = require('@aws-sdk/client-sfn');

const endpoint = process.argv[2];
const config = { endpoint, region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'x' }, maxAttempts: 1 };
const client = new pipes.PipesClient(config);
const queues = new sqs.SQSClient(config);
const states = new sfn.SFNClient(config);
const send = (name, input) => client.send(new pipes[`${name}Command`](input));
const q = (name, input) => queues.send(new sqs[`${name}Command`](input));
const { out, step } = recorder();
const role = 'arn:aws:iam::123456789012:role/pipes';
const arnOf = name => `arn:aws:sqs:us-east-1:123456789012:${name}`;
const queue = async (name, attributes = {}) => (await q('CreateQueue', { QueueName: name, Attributes: attributes })).QueueUrl;
const machine = async (name, definition) => (await states.send(new sfn.CreateStateMachineCommand({ name, type: 'EXPRESS', roleArn: role, definition: JSON.stringify(definition) }))).stateMachineArn;
const drain = async (url, want, seconds) => {
  const bodies = [];
  const until = Date.now() + seconds * 1000;
  while (bodies.length < want && Date.now() < until) {
    const r = await q('ReceiveMessage', { QueueUrl: url, MaxNumberOfMessages: 10, WaitTimeSeconds: 1 });
    for (const m of r.Messages ?? []) {
      bodies.push(m.Body);
      await q('DeleteMessage', { QueueUrl: url, ReceiptHandle: m.ReceiptHandle });
    }
  }
  return bodies;
};
const sendToQueue = (url, resultsUrl) => ({ Type: 'Task', Resource: 'arn:aws:states:::sqs:sendMessage', Parameters: { QueueUrl: resultsUrl, 'MessageBody.$': 'States.JsonToString($)' }, End: true });

// ---- CRUD and errors ----
const crudSource = await queue('crud-src');
const echoResults = await queue('echo-results');
const echo = await machine('echo', { StartAt: 'Send', States: { Send: sendToQueue('x', echoResults) } });
await step('create', async () => { const r = await send('CreatePipe', { Name: 'crud', Source: arnOf('crud-src'), Target: echo, RoleArn: role, DesiredState: 'STOPPED', Description: 'd1', SourceParameters: { SqsQueueParameters: { BatchSize: 5 } } }); return { Arn: r.Arn, Name: r.Name, DesiredState: r.DesiredState, CurrentState: r.CurrentState, created: r.CreationTime instanceof Date }; });
await step('createAgain', () => send('CreatePipe', { Name: 'crud', Source: arnOf('crud-src'), Target: echo, RoleArn: role }));
await step('createBadSource', () => send('CreatePipe', { Name: 'bad', Source: 'arn:aws:kinesis:us-east-1:123456789012:stream/s', Target: echo, RoleArn: role }));
await step('createBadBatch', () => send('CreatePipe', { Name: 'bad2', Source: arnOf('crud-src'), Target: echo, RoleArn: role, SourceParameters: { SqsQueueParameters: { BatchSize: 100 } } }));
await step('createBadFilter', () => send('CreatePipe', { Name: 'bad3', Source: arnOf('crud-src'), Target: echo, RoleArn: role, SourceParameters: { FilterCriteria: { Filters: [{ Pattern: '{"body": "not-an-array"}' }] } } }));
await step('describe', async () => { const r = await send('DescribePipe', { Name: 'crud' }); return { ...r, $metadata: undefined, CreationTime: r.CreationTime instanceof Date, LastModifiedTime: r.LastModifiedTime instanceof Date }; });
await step('describeMissing', () => send('DescribePipe', { Name: 'nope' }));
await step('update', async () => {
  const r = await send('UpdatePipe', { Name: 'crud', RoleArn: role, Description: 'd2', SourceParameters: { SqsQueueParameters: { BatchSize: 7 } } });
  const d = await send('DescribePipe', { Name: 'crud' });
  return { CurrentState: r.CurrentState, Description: d.Description, BatchSize: d.SourceParameters.SqsQueueParameters.BatchSize, Target: d.Target };
});
await step('updateMissing', () => send('UpdatePipe', { Name: 'nope', RoleArn: role }));
await step('start', async () => { const r = await send('StartPipe', { Name: 'crud' }); const d = await send('DescribePipe', { Name: 'crud' }); return { answered: r.CurrentState, desired: r.DesiredState, now: d.CurrentState }; });
await step('stop', async () => { const r = await send('StopPipe', { Name: 'crud' }); const d = await send('DescribePipe', { Name: 'crud' }); return { answered: r.CurrentState, desired: r.DesiredState, now: d.CurrentState }; });
await step('startMissing', () => send('StartPipe', { Name: 'nope' }));
await send('CreatePipe', { Name: 'crud-2', Source: arnOf('crud-src'), Target: echo, RoleArn: role, DesiredState: 'STOPPED' });
await step('list', async () => (await send('ListPipes', {})).Pipes.map(p => `${p.Name}/${p.CurrentState}`));
await step('listPrefix', async () => (await send('ListPipes', { NamePrefix: 'crud-' })).Pipes.map(p => p.Name));
await step('listPaged', async () => { const a = await send('ListPipes', { Limit: 1 }); const b = await send('ListPipes', { Limit: 1, NextToken: a.NextToken }); return [a.Pipes[0].Name, b.Pipes[0].Name]; });
await step('delete', async () => { const r = await send('DeletePipe', { Name: 'crud-2' }); return { CurrentState: r.CurrentState, left: (await send('ListPipes', {})).Pipes.map(p => p.Name) }; });
await step('deleteMissing', () => send('DeletePipe', { Name: 'crud-2' }));

// ---- records, filters, InputTemplate, FIRE_AND_FORGET ----
const shapeSrc = await queue('shape-src');
await send('CreatePipe', { Name: 'shape', Source: arnOf('shape-src'), Target: echo, RoleArn: role, SourceParameters: { SqsQueueParameters: { BatchSize: 1 } } });
await q('SendMessage', { QueueUrl: shapeSrc, MessageBody: 'hello', MessageAttributes: { colour: { DataType: 'String', StringValue: 'blue' } } });
await step('record', async () => JSON.parse((await drain(echoResults, 1, 15))[0]));
await send('StopPipe', { Name: 'shape' });

const filterSrc = await queue('filter-src');
const filterResults = await queue('filter-results');
const filterEcho = await machine('filter-echo', { StartAt: 'Send', States: { Send: sendToQueue('x', filterResults) } });
await send('CreatePipe', {
  Name: 'filtered', Source: arnOf('filter-src'), Target: filterEcho, RoleArn: role,
  SourceParameters: { SqsQueueParameters: { BatchSize: 1 }, FilterCriteria: { Filters: [{ Pattern: JSON.stringify({ body: { kind: ['keep'] } }) }] } },
  TargetParameters: { InputTemplate: '{"id": <$.body.id>, "pipe": "<aws.pipes.pipe-name>", "source": <$.eventSourceARN>}', StepFunctionStateMachineParameters: { InvocationType: 'FIRE_AND_FORGET' } },
});
await q('SendMessage', { QueueUrl: filterSrc, MessageBody: JSON.stringify({ kind: 'drop', id: 2 }) });
await q('SendMessage', { QueueUrl: filterSrc, MessageBody: JSON.stringify({ kind: 'keep', id: 1 }) });
await step('filtered', async () => {
  const bodies = await drain(filterResults, 2, 6);
  const left = await q('GetQueueAttributes', { QueueUrl: filterSrc, AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'] });
  return { bodies: bodies.map(b => JSON.parse(b)), left: left.Attributes };
});

// ---- enrichment with a state machine ----
const enrichSrc = await queue('enrich-src');
const enrichResults = await queue('enrich-results');
const enrichEcho = await machine('enrich-echo', { StartAt: 'Send', States: { Send: sendToQueue('x', enrichResults) } });
const enrich = await machine('enrich', { StartAt: 'P', States: { P: { Type: 'Pass', Parameters: { 'enriched.$': '$[0].body', 'count.$': 'States.ArrayLength($)' }, End: true } } });
await send('CreatePipe', { Name: 'enriched', Source: arnOf('enrich-src'), Enrichment: enrich, Target: enrichEcho, RoleArn: role, SourceParameters: { SqsQueueParameters: { BatchSize: 1 } } });
await q('SendMessage', { QueueUrl: enrichSrc, MessageBody: 'raw' });
await step('enriched', async () => (await drain(enrichResults, 1, 15)).map(b => JSON.parse(b)));

// ---- 1,000 messages, every tenth failing: each succeeds once or reaches the dead-letter queue ----
const dlq = await queue('work-dlq');
const src = await queue('work-src', { VisibilityTimeout: '1', RedrivePolicy: JSON.stringify({ deadLetterTargetArn: arnOf('work-dlq'), maxReceiveCount: '2' }) });
const done = await queue('work-done');
const worker = await machine('worker', {
  StartAt: 'Check',
  States: {
    Check: { Type: 'Choice', Choices: [{ Variable: '$[0].body', StringMatches: 'fail-*', Next: 'Fail' }], Default: 'Send' },
    Fail: { Type: 'Fail', Error: 'Refused', Cause: 'a failing message' },
    Send: { Type: 'Task', Resource: 'arn:aws:states:::sqs:sendMessage', Parameters: { QueueUrl: done, 'MessageBody.$': '$[0].body' }, End: true },
  },
});
await send('CreatePipe', {
  Name: 'work', Source: arnOf('work-src'), Target: worker, RoleArn: role,
  SourceParameters: { SqsQueueParameters: { BatchSize: 1 } },
  TargetParameters: { StepFunctionStateMachineParameters: { InvocationType: 'REQUEST_RESPONSE' } },
});
const bodies = Array.from({ length: 1000 }, (_, i) => (i % 10 === 0 ? `fail-${i}` : `ok-${i}`));
for (let i = 0; i < bodies.length; i += 10)
  await q('SendMessageBatch', { QueueUrl: src, Entries: bodies.slice(i, i + 10).map((b, j) => ({ Id: String(j), MessageBody: b })) });
await step('thousand', async () => {
  const started = Date.now();
  const ok = await drain(done, 900, 90);
  const dead = await drain(dlq, 100, 60);
  await new Promise(r => setTimeout(r, 1500));
  const extraOk = await drain(done, 1, 1);
  const left = await q('GetQueueAttributes', { QueueUrl: src, AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'] });
  return { ok: ok.length, okDistinct: new Set(ok).size, dead: dead.length, deadDistinct: new Set(dead).size, okAllOk: ok.every(b => b.startsWith('ok-')), deadAllFail: dead.every(b => b.startsWith('fail-')), extraOk: extraOk.length, left: left.Attributes, seconds: (Date.now() - started) / 1000 };
});

console.log(JSON.stringify(out));
