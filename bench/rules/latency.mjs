// Event → execution start latency through an EventBridge rule, on a running Quickstep server (loopback).
// For each event: t0 (client clock) just before PutEvents; the rule's target state machine records
// $$.Execution.StartTime (server clock, same machine) and sends both to a queue. Latency = StartTime - t0
// (StartTime has millisecond resolution). Also reports PutEvents → message received (the whole round trip).
// usage: node latency.mjs http://127.0.0.1:PORT [events=500] [warmup=50]
const [base, nArg, warmArg] = process.argv.slice(2);
const n = Number(nArg ?? 500), warmup = Number(warmArg ?? 50);
const account = '123456789012';
const call = async (target, version, body) => {
  const r = await fetch(base, { method: 'POST', headers: { 'content-type': `application/x-amz-json-${version}`, 'x-amz-target': target }, body: JSON.stringify(body) });
  const text = await r.text();
  if (!r.ok) throw new Error(`${target}: ${r.status} ${text}`);
  return JSON.parse(text);
};
const sqs = (op, b) => call(`AmazonSQS.${op}`, '1.0', b);
const events = (op, b) => call(`AWSEvents.${op}`, '1.1', b);
const sfn = (op, b) => call(`AWSStepFunctions.${op}`, '1.0', b);

const { QueueUrl } = await sqs('CreateQueue', { QueueName: 'latency-sink' });
const { stateMachineArn } = await sfn('CreateStateMachine', {
  name: 'latency', type: 'EXPRESS', roleArn: `arn:aws:iam::${account}:role/r`,
  definition: JSON.stringify({ StartAt: 'Stamp', States: {
    Stamp: { Type: 'Pass', Parameters: { 't0.$': '$.detail.t0', 'start.$': '$$.Execution.StartTime' }, Next: 'Send' },
    Send: { Type: 'Task', Resource: 'arn:aws:states:::sqs:sendMessage', Parameters: { QueueUrl, 'MessageBody.$': 'States.JsonToString($)' }, End: true } } }),
});
await events('PutRule', { Name: 'latency', EventPattern: JSON.stringify({ source: ['bench.latency'] }) });
await events('PutTargets', { Rule: 'latency', Targets: [{ Id: 'sm', Arn: stateMachineArn }] });

const now = () => performance.timeOrigin + performance.now();
const start = [], roundTrip = [];
for (let i = 0; i < warmup + n; i++) {
  const t0 = now();
  await events('PutEvents', { Entries: [{ Source: 'bench.latency', DetailType: 'tick', Detail: JSON.stringify({ t0 }) }] });
  let message;
  while (!message) {
    const r = await sqs('ReceiveMessage', { QueueUrl, WaitTimeSeconds: 5, MaxNumberOfMessages: 1 });
    message = r.Messages?.[0];
  }
  const t1 = now();
  await sqs('DeleteMessage', { QueueUrl, ReceiptHandle: message.ReceiptHandle });
  const body = JSON.parse(message.Body);
  if (i < warmup) continue;
  start.push(Date.parse(body.start) - body.t0);
  roundTrip.push(t1 - t0);
}
const pct = (xs, p) => { const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.ceil(p / 100 * s.length) - 1)]; };
const f = x => x.toFixed(2);
console.log(`| measure | events | p50 ms | p90 ms | p99 ms | max ms |`);
console.log(`|---|---:|---:|---:|---:|---:|`);
console.log(`| PutEvents sent → execution StartTime | ${n} | ${f(pct(start, 50))} | ${f(pct(start, 90))} | ${f(pct(start, 99))} | ${f(Math.max(...start))} |`);
console.log(`| PutEvents sent → workflow's SQS message received | ${n} | ${f(pct(roundTrip, 50))} | ${f(pct(roundTrip, 90))} | ${f(pct(roundTrip, 99))} | ${f(Math.max(...roundTrip))} |`);
