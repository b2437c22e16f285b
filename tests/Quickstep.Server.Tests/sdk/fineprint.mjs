// The API's fine print (issue #14), driven with the official AWS SDK for JavaScript (v3): prints one JSON
// object with, per step, the fields the C# test (FinePrintTests) asserts, or {error, message, status}.
// usage: node fineprint.mjs http://127.0.0.1:PORT
import { recorder, stepFunctions } from './common.mjs';

const endpoint = process.argv[2];
const { send } = await stepFunctions(endpoint);
const { out, step } = recorder();
const sleep = ms => new Promise(r => setTimeout(r, ms));
const asl = o => JSON.stringify(o);
const role = 'arn:aws:iam::123456789012:role/quickstep-test';
const create = async (name, definition) =>
  (await send('CreateStateMachine', { name, definition: asl(definition), roleArn: role, type: 'EXPRESS' })).stateMachineArn;

// ---- StopExecution's error and cause reach ExecutionAborted ----
const waitArn = await create('fp-wait', { StartAt: 'W', States: { W: { Type: 'Wait', Seconds: 300, End: true } } });
const { executionArn: stoppedArn } = await send('StartExecution', { stateMachineArn: waitArn, input: '{}' });
await sleep(300);
await step('stop', async () => {
  const t0 = Date.now();
  const r = await send('StopExecution', { executionArn: stoppedArn, error: 'User.Cancelled', cause: 'stopped by the fine-print test' });
  return { stopDate: r.stopDate instanceof Date, millis: Date.now() - t0 };
});
await step('stoppedDescribe', async () => {
  const r = await send('DescribeExecution', { executionArn: stoppedArn });
  return { status: r.status, error: r.error, cause: r.cause, outputDetails: r.outputDetails ?? null };
});
await step('stoppedHistory', async () => {
  const r = await send('GetExecutionHistory', { executionArn: stoppedArn });
  return r.events.map(e => ({ type: e.type, details: e.executionAbortedEventDetails ?? null }));
});
const { executionArn: plainStopArn } = await send('StartExecution', { stateMachineArn: waitArn, input: '{}' });
await sleep(300);
await send('StopExecution', { executionArn: plainStopArn });
await step('plainStopHistory', async () => {
  const r = await send('GetExecutionHistory', { executionArn: plainStopArn, reverseOrder: true, maxResults: 1 });
  return { type: r.events[0].type, details: r.events[0].executionAbortedEventDetails ?? null };
});

// ---- keyset pagination, bound to its query ----
const listArn = await create('fp-list', { StartAt: 'P', States: { P: { Type: 'Pass', End: true } } });
for (let i = 0; i < 5; i++)
  await send('StartSyncExecution', { stateMachineArn: listArn, name: `first-${i}`, input: '{}' });
await step('pages', async () => {
  const p1 = await send('ListExecutions', { stateMachineArn: listArn, maxResults: 2 });
  // Two executions start between the pages: the next pages must neither repeat nor skip.
  await send('StartSyncExecution', { stateMachineArn: listArn, name: 'late-0', input: '{}' });
  await send('StartSyncExecution', { stateMachineArn: listArn, name: 'late-1', input: '{}' });
  const p2 = await send('ListExecutions', { stateMachineArn: listArn, maxResults: 2, nextToken: p1.nextToken });
  const p3 = await send('ListExecutions', { stateMachineArn: listArn, maxResults: 2, nextToken: p2.nextToken });
  const names = p => p.executions.map(e => e.name);
  return { p1: names(p1), p2: names(p2), p3: names(p3), p3Token: p3.nextToken ?? null, token: p1.nextToken };
});
await step('tokenOtherOperation', () => send('ListStateMachines', { nextToken: out.pages.token }));
await step('tokenOtherFilter', () => send('ListExecutions', { stateMachineArn: listArn, statusFilter: 'SUCCEEDED', maxResults: 2, nextToken: out.pages.token }));
await step('tokenOtherMachine', () => send('ListExecutions', { stateMachineArn: waitArn, maxResults: 2, nextToken: out.pages.token }));
await step('redriven', async () => (await send('ListExecutions', { stateMachineArn: listArn, redriveFilter: 'REDRIVEN' })).executions.length);
await step('notRedriven', async () => (await send('ListExecutions', { stateMachineArn: listArn, redriveFilter: 'NOT_REDRIVEN' })).executions.length);
await step('machinePages', async () => {
  const p1 = await send('ListStateMachines', { maxResults: 1 });
  await create('aa-fp-first', { StartAt: 'P', States: { P: { Type: 'Pass', End: true } } });
  const p2 = await send('ListStateMachines', { maxResults: 1, nextToken: p1.nextToken });
  return { p1: p1.stateMachines.map(s => s.name), p2: p2.stateMachines.map(s => s.name) };
});
await step('historyPages', async () => {
  const { executionArn } = await send('StartSyncExecution', { stateMachineArn: listArn, input: '{}' });
  const all = [];
  let nextToken;
  do {
    const r = await send('GetExecutionHistory', { executionArn, maxResults: 2, nextToken });
    all.push(...r.events.map(e => Number(e.id)));
    nextToken = r.nextToken;
  } while (nextToken);
  return all;
});

// ---- variableReferences ----
const varsArn = await create('fp-vars', {
  QueryLanguage: 'JSONata', StartAt: 'A',
  States: {
    A: { Type: 'Pass', Assign: { total: 3, who: '{% $states.input.name %}' }, Next: 'B' },
    B: { Type: 'Pass', Output: '{% $total + $count([1]) %}', Assign: { again: '{% $who %}' }, End: true },
  },
});
await step('vars', async () => (await send('DescribeStateMachine', { stateMachineArn: varsArn })).variableReferences ?? null);
await step('noVars', async () => (await send('DescribeStateMachine', { stateMachineArn: listArn })).variableReferences ?? null);

// ---- CreateStateMachine without roleArn; members of the wrong JSON type ----
await step('noRole', () => send('CreateStateMachine', { name: 'fp-norole', definition: asl({ StartAt: 'P', States: { P: { Type: 'Pass', End: true } } }), type: 'EXPRESS' }));
await step('wrongType', () => send('ListStateMachines', { maxResults: 'ten' }));
await step('wrongTypeString', () => send('DescribeStateMachine', { stateMachineArn: 42 }));

// ---- outputDetails only with an output ----
const failArn = await create('fp-fail', { StartAt: 'F', States: { F: { Type: 'Fail', Error: 'E', Cause: 'C' } } });
await step('syncFailed', async () => {
  const r = await send('StartSyncExecution', { stateMachineArn: failArn, input: '{}' });
  return { status: r.status, outputDetails: r.outputDetails ?? null, inputDetails: r.inputDetails ?? null };
});
await step('syncSucceeded', async () => {
  const r = await send('StartSyncExecution', { stateMachineArn: listArn, input: '{"a":1}' });
  const d = await send('DescribeExecution', { executionArn: r.executionArn });
  return { sync: r.outputDetails ?? null, describe: d.outputDetails ?? null, output: d.output };
});

// ---- DescribeStateMachineForExecution after the machine was deleted ----
const delArn = await create('fp-deleted', { StartAt: 'P', States: { P: { Type: 'Pass', End: true } } });
const { executionArn: delExec } = await send('StartSyncExecution', { stateMachineArn: delArn, input: '{}' });
await send('DeleteStateMachine', { stateMachineArn: delArn });
await step('forDeleted', async () => {
  const r = await send('DescribeStateMachineForExecution', { executionArn: delExec });
  return { stateMachineArn: r.stateMachineArn, name: r.name, definition: r.definition, roleArn: r.roleArn };
});
await step('describeDeleted', () => send('DescribeStateMachine', { stateMachineArn: delArn }));

console.log(JSON.stringify(out));
