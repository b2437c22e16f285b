// Small Step Functions API client for bench/server/run.sh (Node 20, no dependencies).
//   node api.mjs create BASE NAME LEVEL          -> prints the state machine ARN (5 Pass states, Express)
//   node api.mjs completed BASE ARN              -> prints executions completed for ARN (GET /quickstep/usage)
//   node api.mjs drain BASE ARN ACCEPTED TIMEOUT_S -> waits until ACCEPTED executions of ARN completed and none
//                                                 is RUNNING; prints "<completed> <epoch ms when done>"
const [, , cmd, base, ...args] = process.argv;

async function call(target, body) {
  const res = await fetch(base, {
    method: 'POST',
    headers: { 'X-Amz-Target': `AWSStepFunctions.${target}`, 'Content-Type': 'application/x-amz-json-1.0' },
    body: JSON.stringify(body),
  });
  const json = await res.json();
  if (!res.ok) throw new Error(`${target}: ${res.status} ${JSON.stringify(json)}`);
  return json;
}

async function completed(arn) {
  const res = await fetch(new URL('/quickstep/usage', base));
  const usage = await res.json();
  return usage.stateMachines.find((m) => m.stateMachineArn === arn)?.executions ?? 0;
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

if (cmd === 'create') {
  const [name, level] = args;
  const states = {};
  for (let i = 1; i <= 5; i++) {
    states[`P${i}`] = i === 3
      ? { Type: 'Pass', Result: { step: 3 }, ResultPath: '$.result', Next: 'P4' }
      : { Type: 'Pass', ...(i < 5 ? { Next: `P${i + 1}` } : { End: true }) };
  }
  const definition = JSON.stringify({ Comment: 'bench: five Pass states', StartAt: 'P1', States: states });
  const loggingConfiguration = level === 'OFF'
    ? { level: 'OFF', includeExecutionData: false }
    : { level, includeExecutionData: true, destinations: [{ cloudWatchLogsLogGroup: { logGroupArn: `arn:aws:logs:us-east-1:123456789012:log-group:/bench/${name}:*` } }] };
  const r = await call('CreateStateMachine', {
    name, definition, type: 'EXPRESS', roleArn: 'arn:aws:iam::123456789012:role/bench', loggingConfiguration,
  });
  console.log(r.stateMachineArn);
} else if (cmd === 'completed') {
  console.log(await completed(args[0]));
} else if (cmd === 'drain') {
  const [arn, accepted, timeout] = args;
  const deadline = Date.now() + Number(timeout) * 1000;
  let n = 0;
  for (;;) {
    n = await completed(arn);
    if (n >= Number(accepted)) {
      const running = await call('ListExecutions', { stateMachineArn: arn, statusFilter: 'RUNNING', maxResults: 1 });
      if (running.executions.length === 0) { n = await completed(arn); break; }
    }
    if (Date.now() > deadline) { console.error(`drain: timed out with ${n} of ${accepted} completed`); process.exit(1); }
    await sleep(20);
  }
  console.log(`${n} ${Date.now()}`);
} else {
  console.error('usage: node api.mjs create|completed|drain BASE ...');
  process.exit(2);
}
