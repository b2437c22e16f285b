// Fills a Quickstep server with executions, then times the requests the console's list and detail pages make.
// usage: node bench.mjs ENDPOINT [EXECUTIONS=100000] [CONCURRENCY=32]
const [endpoint, total = '100000', concurrency = '32'] = process.argv.slice(2);
const N = Number(total);

async function call(operation, input) {
  const r = await fetch(endpoint + '/', { method: 'POST', body: JSON.stringify(input),
    headers: { 'Content-Type': 'application/x-amz-json-1.0', 'X-Amz-Target': `AWSStepFunctions.${operation}` } });
  const body = await r.json();
  if (!r.ok) throw new Error(`${operation}: ${JSON.stringify(body)}`);
  return body;
}
async function get(path) {
  const r = await fetch(endpoint + path);
  if (!r.ok) throw new Error(`${path}: ${r.status} ${await r.text()}`);
  return r.json();
}

// A machine with a Choice, a Map of three items and a Fail: each execution has ~20 history events; every tenth fails.
const definition = {
  StartAt: 'Route',
  States: {
    Route: { Type: 'Choice', Choices: [{ Variable: '$.fail', BooleanEquals: true, Next: 'Boom' }], Default: 'Each' },
    Each: { Type: 'Map', ItemsPath: '$.items', Next: 'Done', ItemProcessor: { ProcessorConfig: { Mode: 'INLINE' }, StartAt: 'Work', States: { Work: { Type: 'Pass', End: true } } } },
    Done: { Type: 'Succeed' },
    Boom: { Type: 'Fail', Error: 'Bench.Failed', Cause: 'every tenth execution fails' },
  },
};
const machine = await call('CreateStateMachine', { name: `console-bench-${Date.now()}`, type: 'EXPRESS',
  roleArn: 'arn:aws:iam::123456789012:role/bench', definition: JSON.stringify(definition) });
const arn = machine.stateMachineArn;

const fillStart = performance.now();
let next = 0;
let lastArn = null;
let lastFailed = null;
await Promise.all(Array.from({ length: Number(concurrency) }, async () => {
  while (next < N) {
    const i = next++;
    const r = await call('StartSyncExecution', { stateMachineArn: arn, name: `order-${String(i).padStart(6, '0')}`, input: JSON.stringify({ fail: i % 10 === 0, items: [1, 2, 3] }) });
    if (i % 10 === 0) lastFailed = r.executionArn; else lastArn = r.executionArn;
  }
}));
const fillSeconds = (performance.now() - fillStart) / 1000;

async function time(label, run, rounds = 40) {
  for (let i = 0; i < 5; i++) await run(); // warm-up
  const ms = [];
  for (let i = 0; i < rounds; i++) {
    const t = performance.now();
    await run();
    ms.push(performance.now() - t);
  }
  ms.sort((a, b) => a - b);
  return { label, medianMs: +ms[Math.floor(ms.length / 2)].toFixed(2), p95Ms: +ms[Math.floor(ms.length * 0.95)].toFixed(2), maxMs: +ms[ms.length - 1].toFixed(2) };
}

const history = await call('GetExecutionHistory', { executionArn: lastArn, maxResults: 1000 });
const drawn = await get(`/console/api/execution-graph?executionArn=${encodeURIComponent(lastArn)}`);
const stats = await get('/console/api/machines/stats');
const sanity = { historyEvents: history.events.length, overlayNodes: Object.keys(drawn.overlay.nodes).length, overlayStatus: drawn.overlay.status,
  lastDay: stats.machines.find((m) => m.stateMachineArn === arn)?.lastDay, failedLastDay: stats.machines.find((m) => m.stateMachineArn === arn)?.failedLastDay };
const deep = await call('ListExecutions', { stateMachineArn: arn, maxResults: 1000 });
const enc = encodeURIComponent;
const results = [
  await time('list: ListExecutions first page (50)', () => call('ListExecutions', { stateMachineArn: arn, maxResults: 50 })),
  await time('list: ListExecutions next page (after 1,000)', () => call('ListExecutions', { stateMachineArn: arn, maxResults: 50, nextToken: deep.nextToken })),
  await time('list: ListExecutions statusFilter FAILED (50)', () => call('ListExecutions', { stateMachineArn: arn, maxResults: 50, statusFilter: 'FAILED' })),
  await time('list: name prefix search (50)', () => get(`/console/api/executions?stateMachineArn=${enc(arn)}&namePrefix=order-05&maxResults=50`)),
  await time('list: machines/stats (counts, last hour/day)', () => get('/console/api/machines/stats')),
  await time('list: ListStateMachines', () => call('ListStateMachines', {})),
  await time('detail: DescribeExecution', () => call('DescribeExecution', { executionArn: lastArn })),
  await time('detail: GetExecutionHistory', () => call('GetExecutionHistory', { executionArn: lastArn, maxResults: 1000, includeExecutionData: true })),
  await time('detail: execution-graph (graph + overlay)', () => get(`/console/api/execution-graph?executionArn=${enc(lastArn)}`)),
  await time('detail: execution-graph of a failed one', () => get(`/console/api/execution-graph?executionArn=${enc(lastFailed)}`)),
  await time('usage: 24 h by hour', () => get('/console/api/usage?hours=24&bucket=hour'), 10),
];
console.log(JSON.stringify({ executions: N, fillSeconds: +fillSeconds.toFixed(1), fillRate: Math.round(N / fillSeconds), sanity, results }, null, 2));
