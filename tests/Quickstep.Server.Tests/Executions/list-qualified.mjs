// ListExecutions by a version ARN and by an alias ARN, with the official AWS SDK for JavaScript (v3); prints one JSON
// object for ListExecutionsQualifiedTests. usage: node list-qualified.mjs http://127.0.0.1:PORT
import { createRequire } from 'node:module';

const require = createRequire(new URL('../sdk/package.json', import.meta.url));
const sfn = require('@aws-sdk/client-sfn');

const endpoint = process.argv[2];
const client = new sfn.SFNClient({ endpoint, region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'x' }, maxAttempts: 1, disableHostPrefix: true });
const send = (name, input) => client.send(new sfn[`${name}Command`](input));
const out = {};
const step = async (name, fn) => {
  try {
    out[name] = await fn();
  } catch (e) {
    out[name] = { error: e.name, message: e.message, status: e.$metadata?.httpStatusCode };
  }
};
const sleep = ms => new Promise(r => setTimeout(r, ms));
const definition = result => JSON.stringify({ StartAt: 'P', States: { P: { Type: 'Pass', Result: result, End: true } } });
const role = 'arn:aws:iam::123456789012:role/x';

const created = await send('CreateStateMachine', { name: 'lq', type: 'EXPRESS', roleArn: role, definition: definition('v1'), publish: true });
const arn = created.stateMachineArn;
const v1 = created.stateMachineVersionArn;
const v2 = (await send('UpdateStateMachine', { stateMachineArn: arn, definition: definition('v2'), publish: true })).stateMachineVersionArn;
const alias = (await send('CreateStateMachineAlias', { name: 'live', routingConfiguration: [{ stateMachineVersionArn: v1, weight: 100 }] })).stateMachineAliasArn;
for (const [name, target] of [['plain', arn], ['v1', v1], ['v2', v2], ['via-alias', alias]])
  await send('StartExecution', { stateMachineArn: target, name, input: '{}' });
for (let i = 0; i < 200; i++) {
  const { executions } = await send('ListExecutions', { stateMachineArn: arn, statusFilter: 'SUCCEEDED' });
  if (executions.length === 4) break;
  await sleep(50);
}
const names = async input => (await send('ListExecutions', input)).executions.map(e => e.name);
out.arns = { v1, v2, alias };
await step('all', () => names({ stateMachineArn: arn }));
await step('version1', () => names({ stateMachineArn: v1 }));
await step('version2', () => names({ stateMachineArn: v2 }));
await step('alias', () => names({ stateMachineArn: alias }));
await step('aliasItems', async () => (await send('ListExecutions', { stateMachineArn: alias })).executions.map(e => ({ arn: e.stateMachineArn, version: e.stateMachineVersionArn, alias: e.stateMachineAliasArn })));
await step('aliasSucceeded', () => names({ stateMachineArn: alias, statusFilter: 'SUCCEEDED' }));
await step('aliasFailed', () => names({ stateMachineArn: alias, statusFilter: 'FAILED' }));
await step('version1Paged', async () => {
  const first = await send('ListExecutions', { stateMachineArn: v1, maxResults: 1 });
  const second = await send('ListExecutions', { stateMachineArn: v1, maxResults: 1, nextToken: first.nextToken });
  return { first: first.executions.map(e => e.name), second: second.executions.map(e => e.name), end: second.nextToken ?? null };
});
await step('tokenOfOtherQualifier', async () => {
  const first = await send('ListExecutions', { stateMachineArn: v1, maxResults: 1 });
  return send('ListExecutions', { stateMachineArn: alias, maxResults: 1, nextToken: first.nextToken });
});
await step('missingVersion', () => send('ListExecutions', { stateMachineArn: `${arn}:9` }));
await step('missingAlias', () => send('ListExecutions', { stateMachineArn: `${arn}:nope` }));
await step('missingMachine', () => send('ListExecutions', { stateMachineArn: `${arn}-gone:1` }));
console.log(JSON.stringify(out));
