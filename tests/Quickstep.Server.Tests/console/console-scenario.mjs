// Drives the web console in headless Chromium against a running server and prints what it saw as one JSON object.
// usage: node console-scenario.mjs ENDPOINT SCREENSHOT_DIR [SIGNED_ENDPOINT ACCESS_KEY_ID SECRET]
import { chromium } from 'playwright-core';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

const [endpoint, shots, signedEndpoint, keyId, secret] = process.argv.slice(2);
mkdirSync(shots, { recursive: true });
const account = '123456789012';
const result = {};

async function api(operation, input) {
  const r = await fetch(endpoint + '/', { method: 'POST', body: JSON.stringify(input),
    headers: { 'Content-Type': 'application/x-amz-json-1.0', 'X-Amz-Target': `AWSStepFunctions.${operation}` } });
  const body = await r.json();
  if (!r.ok) throw new Error(`${operation}: ${JSON.stringify(body)}`);
  return body;
}

// Every kind of state the graph draws: Choice, a Task with Retry and a Catch that is taken, Parallel branches,
// a Map whose third iteration fails (the execution fails with its error and cause).
const definition = {
  Comment: 'console scenario',
  StartAt: 'Prepare',
  States: {
    Prepare: { Type: 'Pass', Next: 'Route' },
    Route: { Type: 'Choice', Choices: [{ Variable: '$.skip', IsPresent: true, Next: 'Done' }], Default: 'Lookup' },
    Lookup: {
      Type: 'Task', Resource: 'arn:aws:states:::aws-sdk:sqs:getQueueUrl', Parameters: { QueueName: 'no-such-queue' },
      Retry: [{ ErrorEquals: ['States.Timeout'], MaxAttempts: 2 }],
      Catch: [{ ErrorEquals: ['States.ALL'], ResultPath: '$.lookupError', Next: 'Recover' }], Next: 'Fan',
    },
    Recover: { Type: 'Pass', ResultPath: null, Next: 'Fan' },
    Fan: {
      Type: 'Parallel', ResultPath: null, Next: 'Each',
      Branches: [
        { StartAt: 'Left', States: { Left: { Type: 'Pass', End: true } } },
        { StartAt: 'Right', States: { Right: { Type: 'Pass', End: true } } },
      ],
    },
    Each: {
      Type: 'Map', ItemsPath: '$.items', ResultPath: '$.doubled', Next: 'Done',
      ItemProcessor: {
        ProcessorConfig: { Mode: 'INLINE' }, StartAt: 'Check',
        States: {
          Check: { Type: 'Choice', Choices: [{ Variable: '$', NumericEquals: 3, Next: 'Boom' }], Default: 'Double' },
          Double: { Type: 'Pass', End: true },
          Boom: { Type: 'Fail', Error: 'Custom.Boom', Cause: 'item 3 exploded' },
        },
      },
    },
    Done: { Type: 'Succeed' },
  },
};
const countStates = (states) => Object.values(states).reduce((n, s) => n + 1
  + (s.Branches || []).reduce((m, b) => m + countStates(b.States), 0)
  + (s.ItemProcessor || s.Iterator ? countStates((s.ItemProcessor || s.Iterator).States) : 0), 0);
result.definitionStates = countStates(definition.States);

const role = `arn:aws:iam::${account}:role/console`;
const machine = await api('CreateStateMachine', { name: 'console-orders', type: 'EXPRESS', roleArn: role, definition: JSON.stringify(definition) });
const waiter = await api('CreateStateMachine', { name: 'console-waiter', type: 'EXPRESS', roleArn: role,
  definition: JSON.stringify({ StartAt: 'Sleep', States: { Sleep: { Type: 'Wait', Seconds: 60, End: true } } }) });

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync'],
});
const consoleErrors = [];
try {
  const page = await browser.newPage({ viewport: { width: 1500, height: 1000 } });
  page.on('pageerror', (e) => consoleErrors.push(String(e)));
  page.on('console', (m) => { if (m.type() === 'error') consoleErrors.push(m.text()); });

  // A browser's GET / lands on the console.
  await page.goto(endpoint + '/');
  result.redirectedTo = new URL(page.url()).pathname;
  await page.waitForSelector('a.machine-link');
  result.machinesListed = await page.$$eval('a.machine-link', (as) => as.map((a) => a.textContent));
  await page.screenshot({ path: join(shots, 'machines.png') });

  // The machine page: one graph node per state, Catch edges, Retry on the state.
  await page.click('a.machine-link:text("console-orders")');
  await page.waitForSelector('#machine-graph svg .state');
  result.machineGraphNodes = await page.$$eval('#machine-graph svg .state', (gs) => gs.map((g) => g.dataset.id));
  result.catchEdges = await page.$$eval('#machine-graph svg .edge.catch', (es) => es.map((e) => `${e.dataset.from}->${e.dataset.to}`));
  result.retryShown = await page.$$eval('#machine-graph svg .state .retry', (ts) => ts.map((t) => t.textContent));
  result.groups = await page.$$eval('#machine-graph svg .state.group', (gs) => gs.map((g) => `${g.dataset.id}:${g.classList.contains('map') ? 'map' : 'parallel'}`));
  await page.screenshot({ path: join(shots, 'machine.png'), fullPage: true });

  // The input editor checks the JSON before sending.
  await page.fill('#execution-input', '{"items": [1, 2, 3');
  result.invalidInput = { hint: await page.textContent('#input-hint'), startDisabled: await page.isDisabled('#start-execution') };
  await page.fill('#execution-input', '{"items": [1, 2, 3]}');
  result.validInput = { hint: await page.textContent('#input-hint'), startDisabled: await page.isDisabled('#start-execution') };
  await page.click('#start-execution');
  await page.waitForURL(/#\/execution\//);
  await page.waitForFunction(() => document.querySelector('#execution-status .badge:not(.running)'), null, { timeout: 30000 });
  await page.waitForSelector('#execution-graph svg .state');
  result.executionStatus = (await page.textContent('#execution-status')).trim();
  result.executionError = (await page.textContent('#execution-error'))?.trim();
  result.executionGraphNodes = await page.$$eval('#execution-graph svg .state', (gs) => gs.length);
  const statuses = () => page.$$eval('#execution-graph svg .state', (gs) => Object.fromEntries(gs.map((g) => [g.dataset.id,
    [...g.classList].find((c) => c.startsWith('status-'))?.slice(7) ?? null])));
  result.nodeStatuses = await statuses();
  result.takenEdges = await page.$$eval('#execution-graph svg .edge.taken', (es) => es.map((e) => `${e.dataset.from}->${e.dataset.to}`));
  result.selectedPanel = await page.textContent('#state-panel');
  result.stateError = await page.$eval('#state-panel', (p) => p.querySelector('.state-error')?.textContent ?? null);
  await page.screenshot({ path: join(shots, 'execution.png'), fullPage: true });

  // The graph is laid out again (asynchronously) after an iteration is chosen: wait until it shows that iteration
  // (Boom and Double as they ran in it; if they never do, the wait times out and the test fails).
  const shows = (boom, double) => page.waitForFunction(([b, d]) => {
    const of = (name) => [...document.querySelectorAll('#execution-graph svg .state')].find((g) => g.dataset.id.endsWith(name));
    return of('Boom')?.classList.contains(`status-${b}`) && of('Double')?.classList.contains(`status-${d}`);
  }, [boom, double], { timeout: 10000 });
  // The Map's iterations can be opened: the third one shows the failing state, the first one does not.
  await page.click('#execution-graph svg .state[data-id="Each"] > rect', { position: { x: 30, y: 12 } });
  await page.waitForSelector('#state-panel button.iteration');
  result.iterations = await page.$$eval('#state-panel button.iteration', (bs) => bs.map((b) => b.textContent));
  result.mapError = await page.$eval('#state-panel', (p) => p.querySelector('.state-error')?.textContent ?? null);
  await page.click('#state-panel button.iteration[data-index="2"]');
  await page.waitForSelector('#state-panel button.iteration.active[data-index="2"]');
  await shows('failed', 'notRun');
  result.iteration2 = await statuses();
  await page.screenshot({ path: join(shots, 'execution-iteration.png'), fullPage: true });
  await page.click('#state-panel button.iteration[data-index="0"]');
  await page.waitForSelector('#state-panel button.iteration.active[data-index="0"]');
  await shows('notRun', 'succeeded');
  result.iteration0 = await statuses();

  // Executions list: status filter and name search.
  const executionName = decodeURIComponent(page.url().split('/').pop()).split(':')[7]; // arn:aws:states:REGION:ACCOUNT:express:MACHINE:NAME:ID
  result.executionName = executionName;
  await page.goto(`${endpoint}/console/#/executions?machine=${encodeURIComponent(machine.stateMachineArn)}&status=FAILED`);
  await page.waitForSelector('a.execution-link');
  result.failedListed = await page.$$eval('a.execution-link', (as) => as.map((a) => a.textContent));
  await page.goto(`${endpoint}/console/#/executions?machine=${encodeURIComponent(machine.stateMachineArn)}&status=SUCCEEDED`);
  await page.waitForSelector('main table, main p.empty');
  result.succeededListed = await page.$$eval('a.execution-link', (as) => as.length);
  await page.goto(`${endpoint}/console/#/executions?machine=${encodeURIComponent(machine.stateMachineArn)}&q=${encodeURIComponent(executionName.slice(0, 8))}`);
  await page.waitForSelector('a.execution-link');
  result.searchListed = await page.$$eval('a.execution-link', (as) => as.map((a) => a.textContent));

  // A running execution refreshes itself and stops with the Stop button.
  const running = await api('StartExecution', { stateMachineArn: waiter.stateMachineArn, input: '{}' });
  await page.goto(`${endpoint}/console/#/execution/${encodeURIComponent(running.executionArn)}`);
  await page.waitForSelector('#stop-execution:not([hidden])');
  result.runningStatus = (await page.textContent('#execution-status')).trim();
  result.runningNodes = await statuses();
  await page.click('#stop-execution');
  await page.waitForFunction(() => document.querySelector('#execution-status .badge:not(.running)'), null, { timeout: 15000 });
  result.stoppedStatus = (await page.textContent('#execution-status')).trim();

  // Services and usage pages: a queue with a dead-letter queue and two messages waiting.
  const sqs = async (operation, input) => {
    const r = await fetch(endpoint + '/', { method: 'POST', body: JSON.stringify(input),
      headers: { 'Content-Type': 'application/x-amz-json-1.0', 'X-Amz-Target': `AmazonSQS.${operation}` } });
    if (!r.ok) throw new Error(`${operation}: ${await r.text()}`);
    return r.json();
  };
  await sqs('CreateQueue', { QueueName: 'orders-dlq' });
  const queue = await sqs('CreateQueue', { QueueName: 'orders', Attributes: { RedrivePolicy: JSON.stringify({ deadLetterTargetArn: `arn:aws:sqs:us-east-1:${account}:orders-dlq`, maxReceiveCount: 3 }) } });
  await sqs('SendMessage', { QueueUrl: queue.QueueUrl, MessageBody: 'one' });
  await sqs('SendMessage', { QueueUrl: queue.QueueUrl, MessageBody: 'two' });
  await page.goto(`${endpoint}/console/#/services`);
  await page.waitForSelector('main h1');
  result.servicesHeadings = await page.$$eval('main h2', (hs) => hs.map((x) => x.textContent));
  result.queueRows = await page.$$eval('main table:first-of-type tbody tr', (rs) => rs.map((r) => [...r.cells].map((c) => c.textContent)));
  await page.screenshot({ path: join(shots, 'services.png'), fullPage: true });
  await page.goto(`${endpoint}/console/#/usage`);
  await page.waitForSelector('#usage-chart');
  result.usageBars = await page.$$eval('#usage-chart rect.bar', (rs) => rs.length);
  result.usageRows = await page.$$eval('main table tbody tr', (rs) => rs.map((r) => r.textContent));
  await page.screenshot({ path: join(shots, 'usage.png'), fullPage: true });

  // A server with credentials: the page loads, asks for a key, then signs its requests.
  if (signedEndpoint) {
    const signed = await browser.newPage({ viewport: { width: 1200, height: 800 } });
    signed.on('pageerror', (e) => consoleErrors.push(String(e)));
    await signed.goto(signedEndpoint + '/console/');
    await signed.waitForSelector('#sign-in[open]');
    result.signInAsked = true;
    await signed.fill('#sign-in input[name=accessKeyId]', keyId);
    await signed.fill('#sign-in input[name=secretAccessKey]', secret);
    await signed.click('#sign-in button[value=ok]');
    await signed.waitForSelector('main h1:text("State machines")');
    result.signedMachinesPage = await signed.textContent('main .sub');
    await signed.close();
  }
} finally {
  await browser.close();
}
result.consoleErrors = consoleErrors;
console.log(JSON.stringify(result));
