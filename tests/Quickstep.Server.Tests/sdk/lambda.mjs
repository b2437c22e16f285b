// Drives a running Quickstep server's functions with the official AWS SDK for JavaScript (v3): the Lambda API
// (Invoke RequestResponse / Event / DryRun / LogType Tail, GetFunction, ListFunctions, errors), Task states in
// Express workflows, and SNS → Lambda. Serves the url functions itself on URL_PORT. Prints one JSON object.
// usage: node lambda.mjs http://127.0.0.1:PORT URL_PORT EVENT_RECORD_FILE SNS_RECORD_FILE
import * as lambda from '@aws-sdk/client-lambda';
import * as sfn from '@aws-sdk/client-sfn';
import * as sns from '@aws-sdk/client-sns';
import http from 'node:http';
import fs from 'node:fs';

const [endpoint, urlPort, eventRecord, snsRecord] = process.argv.slice(2);
const config = { endpoint, region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'x' }, maxAttempts: 1 };
const lam = new lambda.LambdaClient(config);
const states = new sfn.SFNClient({ ...config, disableHostPrefix: true });
const topics = new sns.SNSClient(config);
const out = {};
const step = async (name, fn) => {
  try {
    out[name] = await fn();
  } catch (e) {
    out[name] = { error: e.name, message: e.message, status: e.$metadata?.httpStatusCode, type: e.Type ?? null, reason: e.Reason ?? null };
  }
  return out[name];
};
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const text = (bytes) => (bytes === undefined || bytes === null ? null : Buffer.from(bytes).toString('utf8'));
const invoke = async (input) => {
  const r = await lam.send(new lambda.InvokeCommand({ ...input, Payload: input.Payload === undefined ? undefined : Buffer.from(JSON.stringify(input.Payload)) }));
  return { StatusCode: r.StatusCode, FunctionError: r.FunctionError ?? null, ExecutedVersion: r.ExecutedVersion ?? null,
    Payload: text(r.Payload), Log: r.LogResult ? Buffer.from(r.LogResult, 'base64').toString('utf8') : null };
};
const waitForFile = async (path, ms = 15000) => {
  for (let t = 0; t < ms; t += 50) {
    if (fs.existsSync(path)) return JSON.parse(fs.readFileSync(path, 'utf8'));
    await sleep(50);
  }
  return null;
};

// ---- the url functions' endpoint ----
const server = http.createServer((req, res) => {
  let body = '';
  req.on('data', (c) => (body += c));
  req.on('end', () => {
    if (req.url === '/echo') {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ echoed: JSON.parse(body), requestIdHeader: !!req.headers['lambda-runtime-aws-request-id'] }));
    } else if (req.url === '/fail') {
      res.writeHead(500, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ errorType: 'InventoryError', errorMessage: 'out of stock' }));
    } else {
      res.writeHead(200, { 'X-Amz-Function-Error': 'Unhandled' });
      res.end('not json at all');
    }
  });
});
await new Promise((r) => server.listen(Number(urlPort), '127.0.0.1', r));

// ---- Lambda API ----
await step('greet', () => invoke({ FunctionName: 'Greet', Payload: { name: 'Ada' } }));
await step('greetAgain', () => invoke({ FunctionName: 'arn:aws:lambda:us-east-1:123456789012:function:Greet', Payload: { name: 'Bob' } }));
await step('tail', () => invoke({ FunctionName: 'Greet', Payload: { name: 'Tail' }, LogType: 'Tail' }));
await step('esm', () => invoke({ FunctionName: 'Esm', Payload: { n: 4 } }));
await step('reject', () => invoke({ FunctionName: 'Reject', Payload: { id: 9 } }));
await step('crash', () => invoke({ FunctionName: 'Crash', Payload: {} }));
await step('timeout', () => invoke({ FunctionName: 'Slow', Payload: { ms: 5000 } }));
await step('afterTimeout', () => invoke({ FunctionName: 'Slow', Payload: { ms: 1 } }));
const [busyA, busyB] = await Promise.all([
  step('busyA', () => invoke({ FunctionName: 'Busy', Payload: { ms: 1500 } })),
  sleep(300).then(() => step('busyB', () => invoke({ FunctionName: 'Busy', Payload: { ms: 1 } }))),
]);
void busyA; void busyB;
await step('dryRun', () => invoke({ FunctionName: 'Greet', Payload: {}, InvocationType: 'DryRun' }));
await step('event', () => invoke({ FunctionName: 'Recorder', Payload: { via: 'event' }, InvocationType: 'Event' }));
out.eventRecorded = await waitForFile(eventRecord);
await step('missing', () => invoke({ FunctionName: 'Nope', Payload: {} }));
await step('badType', () => invoke({ FunctionName: 'Greet', Payload: {}, InvocationType: 'Sideways' }));
await step('charge', () => invoke({ FunctionName: 'Charge', Payload: { amount: 30 }, LogType: 'Tail' }));
await step('decline', () => invoke({ FunctionName: 'Decline', Payload: { card: '4000' } }));
await step('pyCrash', () => invoke({ FunctionName: 'PyCrash', Payload: {} }));
await step('echo', () => invoke({ FunctionName: 'Echo', Payload: { x: [1, 2] } }));
await step('urlFail', () => invoke({ FunctionName: 'UrlFail', Payload: {} }));
await step('urlNotJson', () => invoke({ FunctionName: 'UrlNotJson', Payload: {} }));
await step('getFunction', () => lam.send(new lambda.GetFunctionCommand({ FunctionName: 'Greet' })));
await step('getMissing', () => lam.send(new lambda.GetFunctionCommand({ FunctionName: 'Nope' })));
await step('list', async () => (await lam.send(new lambda.ListFunctionsCommand({}))).Functions.map((f) => f.FunctionName));

// ---- Task states ----
const role = 'arn:aws:iam::123456789012:role/r';
const machine = async (name, states_) => (await states.send(new sfn.CreateStateMachineCommand({
  name, roleArn: role, type: 'EXPRESS', definition: JSON.stringify({ StartAt: 'T', States: states_ }),
}))).stateMachineArn;
const run = async (arn, input) => {
  const r = await states.send(new sfn.StartSyncExecutionCommand({ stateMachineArn: arn, input: JSON.stringify(input) }));
  return { status: r.status, output: r.output ? JSON.parse(r.output) : null, error: r.error ?? null, cause: r.cause ?? null };
};
const fn = (name) => `arn:aws:lambda:us-east-1:123456789012:function:${name}`;
const arnTask = (name) => ({ T: { Type: 'Task', Resource: fn(name), End: true } });
const invokeTask = (name, extra = {}) => ({ T: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Parameters: { FunctionName: name, 'Payload.$': '$', ...extra }, End: true } });
await step('taskGreet', async () => run(await machine('greet', arnTask('Greet')), { name: 'Task' }));
await step('taskReject', async () => run(await machine('reject', arnTask('Reject')), { id: 5 }));
await step('taskInvokeReject', async () => run(await machine('invoke-reject', invokeTask('Reject')), { id: 6 }));
await step('taskCrash', async () => run(await machine('crash', arnTask('Crash')), {}));
await step('taskTimeout', async () => run(await machine('timeout', arnTask('Slow')), { ms: 5000 }));
await step('taskPython', async () => run(await machine('python', invokeTask('Charge')), { amount: 7 }));
await step('taskEvent', async () => run(await machine('event', invokeTask('Greet', { InvocationType: 'Event' })), { name: 'async' }));
await step('taskConcurrency', async () => run(await machine('concurrency', {
  T: { Type: 'Parallel', End: true, Branches: [
    { StartAt: 'A', States: { A: { Type: 'Task', Resource: fn('Busy'), End: true } } },
    { StartAt: 'B', States: { B: { Type: 'Task', Resource: fn('Busy'), End: true } } },
  ] },
}), { ms: 1500 }));

// ---- SNS → Lambda ----
await step('sns', async () => {
  const topic = (await topics.send(new sns.CreateTopicCommand({ Name: 'to-lambda' }))).TopicArn;
  const sub = (await topics.send(new sns.SubscribeCommand({ TopicArn: topic, Protocol: 'lambda', Endpoint: fn('SnsRecorder'), ReturnSubscriptionArn: true }))).SubscriptionArn;
  await topics.send(new sns.PublishCommand({ TopicArn: topic, Message: 'hello lambda', Subject: 'greeting',
    MessageAttributes: { color: { DataType: 'String', StringValue: 'blue' } } }));
  return { topic, sub, recorded: await waitForFile(snsRecord) };
});

server.close();
console.log(JSON.stringify(out));
process.exit(0);
