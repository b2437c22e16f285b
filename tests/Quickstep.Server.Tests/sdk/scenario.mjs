// Drives a running Quickstep server with the official AWS SDK for JavaScript (v3) and prints one JSON
// object: for every step, the fields of the response the C# test asserts, or {error, message, status}.
// usage: node scenario.mjs http://127.0.0.1:PORT
import { recorder, stepFunctions } from './common.mjs';

const endpoint = process.argv[2];
const { send } = await stepFunctions(endpoint);
const { out, step } = recorder();
const isDate = d => d instanceof Date && !Number.isNaN(d.getTime()) && d.getUTCFullYear() > 2000;
const sleep = ms => new Promise(r => setTimeout(r, ms));
const asl = o => JSON.stringify(o);

const region = 'us-east-1', account = '123456789012';
const smArn = n => `arn:aws:states:${region}:${account}:stateMachine:${n}`;
const role = `arn:aws:iam::${account}:role/quickstep-test`;
const logging = { level: 'ALL', includeExecutionData: true, destinations: [{ cloudWatchLogsLogGroup: { logGroupArn: `arn:aws:logs:${region}:${account}:log-group:qs:*` } }] };
const v1 = asl({ StartAt: 'P', States: { P: { Type: 'Pass', Result: { v: 1 }, ResultPath: '$.r', End: true } } });
const v2 = asl({ StartAt: 'P', States: { P: { Type: 'Pass', Result: { v: 2 }, ResultPath: '$.r', End: true } } });
const failing = asl({ StartAt: 'F', States: { F: { Type: 'Fail', Error: 'Boom', Cause: 'bad' } } });
const waiting = asl({ StartAt: 'W', States: { W: { Type: 'Wait', Seconds: 30, End: true } } });

// ---- state machines ----
await step('create', async () => {
  const r = await send('CreateStateMachine', { name: 'hello', definition: v1, roleArn: role, type: 'EXPRESS', loggingConfiguration: logging, tags: [{ key: 'team', value: 'a' }], publish: true, versionDescription: 'first' });
  return { stateMachineArn: r.stateMachineArn, stateMachineVersionArn: r.stateMachineVersionArn, creationDate: isDate(r.creationDate) };
});
await step('createSame', async () => (await send('CreateStateMachine', { name: 'hello', definition: v1, roleArn: role, type: 'EXPRESS', loggingConfiguration: logging })).stateMachineArn);
await step('createConflict', () => send('CreateStateMachine', { name: 'hello', definition: v2, roleArn: role, type: 'EXPRESS' }));
await step('createStandard', () => send('CreateStateMachine', { name: 'std', definition: v1, roleArn: role }));
await step('createBadDefinition', () => send('CreateStateMachine', { name: 'bad', definition: asl({ StartAt: 'A', States: { A: { Type: 'Pass', Next: 'Missing' } } }), roleArn: role, type: 'EXPRESS' }));
await step('createNotJson', () => send('CreateStateMachine', { name: 'bad2', definition: 'not a definition', roleArn: role, type: 'EXPRESS' }));
await step('createBadName', () => send('CreateStateMachine', { name: 'bad name', definition: v1, roleArn: role, type: 'EXPRESS' }));
await step('createBadLogging', () => send('CreateStateMachine', { name: 'badlog', definition: v1, roleArn: role, type: 'EXPRESS', loggingConfiguration: { level: 'ALL' } }));
await send('CreateStateMachine', { name: 'failing', definition: failing, roleArn: role, type: 'EXPRESS' });
await send('CreateStateMachine', { name: 'waiting', definition: waiting, roleArn: role, type: 'EXPRESS' });

await step('describe', async () => {
  const r = await send('DescribeStateMachine', { stateMachineArn: smArn('hello') });
  return { name: r.name, type: r.type, status: r.status, definition: r.definition, roleArn: r.roleArn, level: r.loggingConfiguration?.level, include: r.loggingConfiguration?.includeExecutionData, tracing: r.tracingConfiguration?.enabled, revisionId: typeof r.revisionId, creationDate: isDate(r.creationDate) };
});
await step('describeMissing', () => send('DescribeStateMachine', { stateMachineArn: smArn('nope') }));
await step('describeBadArn', () => send('DescribeStateMachine', { stateMachineArn: 'not-an-arn' }));
await step('describeWrongType', () => send('DescribeStateMachine', { stateMachineArn: `arn:aws:states:${region}:${account}:activity:x` }));
await step('update', async () => {
  const r = await send('UpdateStateMachine', { stateMachineArn: smArn('hello'), definition: v2 });
  return { revisionId: typeof r.revisionId, updateDate: isDate(r.updateDate) };
});
await step('updateNothing', () => send('UpdateStateMachine', { stateMachineArn: smArn('hello') }));
await step('updateBadDefinition', () => send('UpdateStateMachine', { stateMachineArn: smArn('hello'), definition: '{"StartAt":"X","States":{}}' }));
await step('publish', async () => (await send('PublishStateMachineVersion', { stateMachineArn: smArn('hello'), description: 'second' })).stateMachineVersionArn);
await step('publishAgain', async () => (await send('PublishStateMachineVersion', { stateMachineArn: smArn('hello') })).stateMachineVersionArn);
await step('publishConflict', () => send('PublishStateMachineVersion', { stateMachineArn: smArn('hello'), revisionId: 'stale' }));
await step('listVersions', async () => (await send('ListStateMachineVersions', { stateMachineArn: smArn('hello') })).stateMachineVersions.map(v => v.stateMachineVersionArn));
await step('describeVersion1', async () => {
  const r = await send('DescribeStateMachine', { stateMachineArn: `${smArn('hello')}:1` });
  return { stateMachineArn: r.stateMachineArn, definition: r.definition, description: r.description };
});
await step('listStateMachines', async () => {
  const names = [];
  let nextToken, pages = 0;
  do {
    const r = await send('ListStateMachines', { maxResults: 1, nextToken });
    names.push(...r.stateMachines.map(s => s.name));
    nextToken = r.nextToken;
    pages++;
  } while (nextToken && pages < 20);
  return { names, pages };
});
await step('listBadMaxResults', () => send('ListStateMachines', { maxResults: 1001 }));
await step('listBadToken', () => send('ListStateMachines', { nextToken: 'garbage' }));

// ---- aliases ----
await step('createAlias', async () => (await send('CreateStateMachineAlias', { name: 'live', description: 'prod', routingConfiguration: [{ stateMachineVersionArn: `${smArn('hello')}:1`, weight: 100 }] })).stateMachineAliasArn);
await step('createAliasBadWeights', () => send('CreateStateMachineAlias', { name: 'bad', routingConfiguration: [{ stateMachineVersionArn: `${smArn('hello')}:1`, weight: 60 }] }));
await step('syncOnAliasV1', async () => (await send('StartSyncExecution', { stateMachineArn: `${smArn('hello')}:live`, input: '{}' })).output);
await step('updateAlias', async () => isDate((await send('UpdateStateMachineAlias', { stateMachineAliasArn: `${smArn('hello')}:live`, routingConfiguration: [{ stateMachineVersionArn: `${smArn('hello')}:1`, weight: 0 }, { stateMachineVersionArn: `${smArn('hello')}:2`, weight: 100 }] })).updateDate));
await step('describeAlias', async () => {
  const r = await send('DescribeStateMachineAlias', { stateMachineAliasArn: `${smArn('hello')}:live` });
  return { name: r.name, description: r.description, routing: r.routingConfiguration.map(e => `${e.stateMachineVersionArn.split(':').pop()}=${e.weight}`) };
});
await step('syncOnAliasV2', async () => {
  const r = await send('StartSyncExecution', { stateMachineArn: `${smArn('hello')}:live`, input: '{}' });
  return r.output;
});
await step('listAliases', async () => (await send('ListStateMachineAliases', { stateMachineArn: smArn('hello') })).stateMachineAliases.map(a => a.stateMachineAliasArn));
await step('describeAliasMissing', () => send('DescribeStateMachineAlias', { stateMachineAliasArn: `${smArn('hello')}:nope` }));

// ---- executions ----
await step('sync', async () => {
  const r = await send('StartSyncExecution', { stateMachineArn: smArn('hello'), name: 'sync-1', input: '{"a":1}', traceHeader: 'Root=1-abc' });
  return { status: r.status, output: r.output, input: r.input, name: r.name, executionArn: r.executionArn, stateMachineArn: r.stateMachineArn, inputIncluded: r.inputDetails?.included, outputIncluded: r.outputDetails?.included, billedMs: r.billingDetails?.billedDurationInMilliseconds, billedMb: r.billingDetails?.billedMemoryUsedInMB, dates: isDate(r.startDate) && isDate(r.stopDate) && r.stopDate >= r.startDate, traceHeader: r.traceHeader };
});
await step('syncFailed', async () => {
  const r = await send('StartSyncExecution', { stateMachineArn: smArn('failing') });
  return { status: r.status, error: r.error, cause: r.cause, output: r.output ?? null };
});
await step('syncVersion1', async () => (await send('StartSyncExecution', { stateMachineArn: `${smArn('hello')}:1`, input: '{}' })).output);
await step('syncBadInput', () => send('StartSyncExecution', { stateMachineArn: smArn('hello'), input: 'not json' }));
await step('syncBadName', () => send('StartSyncExecution', { stateMachineArn: smArn('hello'), name: 'a/b' }));
await step('syncMissingMachine', () => send('StartSyncExecution', { stateMachineArn: smArn('nope') }));
await step('startMissingArn', () => send('StartExecution', {}));

await step('startWaiting', async () => {
  const r = await send('StartExecution', { stateMachineArn: smArn('waiting'), name: 'w1', input: '{"k":1}' });
  return { executionArn: r.executionArn, startDate: isDate(r.startDate) };
});
await step('startWaitingSame', async () => (await send('StartExecution', { stateMachineArn: smArn('waiting'), name: 'w1', input: '{"k":1}' })).executionArn);
await step('startWaitingConflict', () => send('StartExecution', { stateMachineArn: smArn('waiting'), name: 'w1', input: '{"k":2}' }));
await step('describeRunning', async () => (await send('DescribeExecution', { executionArn: out.startWaiting.executionArn })).status);
await step('historyRunning', async () => {
  // A worker picks the execution up shortly after StartExecution answers; wait until it is in its Wait state.
  let types = [];
  for (let i = 0; i < 100 && types.length < 2; i++) {
    types = (await send('GetExecutionHistory', { executionArn: out.startWaiting.executionArn })).events.map(e => e.type);
    if (types.length < 2) await sleep(50);
  }
  return types;
});
await step('stop', async () => isDate((await send('StopExecution', { executionArn: out.startWaiting.executionArn, error: 'Stopped', cause: 'by the test' })).stopDate));
await step('describeStopped', async () => {
  const r = await send('DescribeExecution', { executionArn: out.startWaiting.executionArn });
  return { status: r.status, error: r.error, cause: r.cause, stopDate: isDate(r.stopDate) };
});

await step('startAsync', async () => (await send('StartExecution', { stateMachineArn: smArn('hello'), name: 'a1', input: '{"n":1}' })).executionArn);
await step('describeAsync', async () => {
  for (let i = 0; i < 100; i++) {
    const r = await send('DescribeExecution', { executionArn: out.startAsync });
    if (r.status !== 'RUNNING') return { status: r.status, output: r.output, input: r.input, name: r.name, stateMachineArn: r.stateMachineArn, stopDate: isDate(r.stopDate) };
    await sleep(50);
  }
  return 'timeout';
});
await step('history', async () => {
  const r = await send('GetExecutionHistory', { executionArn: out.startAsync });
  return { types: r.events.map(e => e.type), ids: r.events.map(e => e.id), timestamps: r.events.every(e => isDate(e.timestamp)), started: r.events[0].executionStartedEventDetails?.input, roleArn: r.events[0].executionStartedEventDetails?.roleArn };
});
await step('historyReverse', async () => (await send('GetExecutionHistory', { executionArn: out.startAsync, reverseOrder: true })).events.map(e => e.type));
await step('historyPaged', async () => {
  const p1 = await send('GetExecutionHistory', { executionArn: out.startAsync, maxResults: 2 });
  const p2 = await send('GetExecutionHistory', { executionArn: out.startAsync, maxResults: 2, nextToken: p1.nextToken });
  return { first: p1.events.map(e => e.id), second: p2.events.map(e => e.id), hasToken: typeof p1.nextToken === 'string' };
});
await step('historyNoData', async () => (await send('GetExecutionHistory', { executionArn: out.startAsync, includeExecutionData: false })).events[0].executionStartedEventDetails?.input ?? null);
await step('listExecutions', async () => (await send('ListExecutions', { stateMachineArn: smArn('hello') })).executions.map(e => e.name));
await step('listExecutionsSucceeded', async () => (await send('ListExecutions', { stateMachineArn: smArn('waiting'), statusFilter: 'SUCCEEDED' })).executions.length);
await step('listExecutionsPaged', async () => {
  const p1 = await send('ListExecutions', { stateMachineArn: smArn('hello'), maxResults: 1 });
  const p2 = await send('ListExecutions', { stateMachineArn: smArn('hello'), maxResults: 1, nextToken: p1.nextToken });
  return [p1.executions[0].name, p2.executions[0].name];
});
await step('listExecutionsBadFilter', () => send('ListExecutions', { stateMachineArn: smArn('hello'), statusFilter: 'SLEEPING' }));
await step('describeForExecution', async () => {
  const r = await send('DescribeStateMachineForExecution', { executionArn: out.startAsync });
  return { name: r.name, stateMachineArn: r.stateMachineArn, definition: r.definition, level: r.loggingConfiguration?.level };
});
await step('describeExecutionMissing', () => send('DescribeExecution', { executionArn: `arn:aws:states:${region}:${account}:express:hello:nope:00000000-0000-0000-0000-000000000000` }));
await step('describeExecutionBadArn', () => send('DescribeExecution', { executionArn: smArn('hello') }));
await step('stopMissing', () => send('StopExecution', { executionArn: `arn:aws:states:${region}:${account}:express:hello:nope:x` }));
await step('logs', async () => {
  const r = await (await fetch(`${endpoint}/quickstep/logs?executionArn=${encodeURIComponent(out.startAsync)}`)).json();
  return { types: r.records.map(x => x.type), first: r.records[0] };
});

// ---- validation and TestState ----
await step('validateOk', async () => {
  const r = await send('ValidateStateMachineDefinition', { definition: v1, type: 'EXPRESS' });
  return { result: r.result, diagnostics: r.diagnostics.length };
});
await step('validateFail', async () => {
  const r = await send('ValidateStateMachineDefinition', { definition: asl({ StartAt: 'A', States: { A: { Type: 'Task', Resource: 'arn:aws:states:::sqs:sendMessage.waitForTaskToken', End: true } } }), type: 'EXPRESS' });
  return { result: r.result, diagnostics: r.diagnostics.map(d => ({ severity: d.severity, code: d.code, location: d.location })) };
});
await step('validateNotJson', async () => {
  const r = await send('ValidateStateMachineDefinition', { definition: 'not a definition' });
  return { result: r.result, code: r.diagnostics[0]?.code };
});
await step('testStatePass', async () => {
  const r = await send('TestState', { definition: asl({ Type: 'Pass', Parameters: { 'x.$': '$.a' }, Next: 'After' }), roleArn: role, input: '{"a":5}' });
  return { status: r.status, output: r.output, nextState: r.nextState };
});
await step('testStateChoice', async () => {
  const r = await send('TestState', { definition: asl({ Type: 'Choice', Choices: [{ Variable: '$.n', NumericGreaterThan: 1, Next: 'Big' }], Default: 'Small' }), input: '{"n":3}' });
  return { status: r.status, nextState: r.nextState };
});
await step('testStateMock', async () => {
  const r = await send('TestState', { definition: asl({ Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Parameters: { FunctionName: 'f', 'Payload.$': '$' }, ResultSelector: { 'v.$': '$.Payload.v' }, End: true }), input: '{}', mock: { result: '{"Payload":{"v":42}}' } });
  return { status: r.status, output: r.output };
});
await step('testStateFail', async () => {
  const r = await send('TestState', { definition: asl({ Type: 'Fail', Error: 'E', Cause: 'C' }), input: '{}' });
  return { status: r.status, error: r.error, cause: r.cause };
});
await step('testStateBad', () => send('TestState', { definition: asl({ Type: 'Pass', Bogus: 1, End: true }) }));

// ---- tags ----
await step('tag', async () => {
  await send('TagResource', { resourceArn: smArn('hello'), tags: [{ key: 'env', value: 'dev' }, { key: 'team', value: 'b' }] });
  const r1 = await send('ListTagsForResource', { resourceArn: smArn('hello') });
  await send('UntagResource', { resourceArn: smArn('hello'), tagKeys: ['team'] });
  const r2 = await send('ListTagsForResource', { resourceArn: smArn('hello') });
  return { before: r1.tags.map(t => `${t.key}=${t.value}`), after: r2.tags.map(t => `${t.key}=${t.value}`) };
});
await step('tagMissing', () => send('TagResource', { resourceArn: smArn('nope'), tags: [{ key: 'a', value: 'b' }] }));
await step('tagBadArn', () => send('ListTagsForResource', { resourceArn: 'arn:aws:s3:::bucket' }));

// ---- deletion ----
await step('deleteAlias', async () => {
  await send('DeleteStateMachineAlias', { stateMachineAliasArn: `${smArn('hello')}:live` });
  return (await send('ListStateMachineAliases', { stateMachineArn: smArn('hello') })).stateMachineAliases.length;
});
await step('delete', async () => {
  await send('DeleteStateMachine', { stateMachineArn: smArn('failing') });
  try {
    await send('DescribeStateMachine', { stateMachineArn: smArn('failing') });
    return 'still there';
  } catch (e) {
    return e.name;
  }
});

process.stdout.write(JSON.stringify(out));
