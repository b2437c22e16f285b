// HTTP Tasks, EventBridge connections and nested workflows on a running Quickstep server, driven with the official
// AWS SDK for JavaScript (v3); prints one JSON object: per step, the fields the C# test asserts, or {error, message, status}.
// usage: node http-task.mjs http://127.0.0.1:PORT http://127.0.0.1:API_PORT
import * as eb from '@aws-sdk/client-eventbridge';
import * as sfn from '@aws-sdk/client-sfn';
import { recorder } from './common.mjs';

const [endpoint, api] = process.argv.slice(2);
const common = { endpoint, region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'x' }, maxAttempts: 1 };
const events = new eb.EventBridgeClient(common);
const states = new sfn.SFNClient({ ...common, disableHostPrefix: true });
const ev = (name, input) => events.send(new eb[`${name}Command`](input));
const sf = (name, input) => states.send(new sfn[`${name}Command`](input));
const { out, step } = recorder();
const role = 'arn:aws:iam::123456789012:role/quickstep-test';
const apiPort = new URL(api).port;

// Connections.
const apiKey = await step('createApiKey', () => ev('CreateConnection', {
  Name: 'orders-api', Description: 'orders', AuthorizationType: 'API_KEY',
  AuthParameters: {
    ApiKeyAuthParameters: { ApiKeyName: 'x-api-key', ApiKeyValue: 'k-123' },
    InvocationHttpParameters: {
      HeaderParameters: [{ Key: 'x-tenant', Value: 'acme', IsValueSecret: false }],
      QueryStringParameters: [{ Key: 'sig', Value: 'q-secret', IsValueSecret: true }],
    },
  },
}));
const basic = await step('createBasic', () => ev('CreateConnection', {
  Name: 'echo-api', AuthorizationType: 'BASIC', AuthParameters: { BasicAuthParameters: { Username: 'ada', Password: 'pa55' } },
}));
const oauth = await step('createOAuth', () => ev('CreateConnection', {
  Name: 'secure-api', AuthorizationType: 'OAUTH_CLIENT_CREDENTIALS',
  AuthParameters: { OAuthParameters: {
    ClientParameters: { ClientID: 'client-1', ClientSecret: 'client-secret-value' },
    AuthorizationEndpoint: `${api}/token`, HttpMethod: 'POST',
    OAuthHttpParameters: { BodyParameters: [{ Key: 'scope', Value: 'orders', IsValueSecret: false }] },
  } },
}));
await step('createDuplicate', () => ev('CreateConnection', { Name: 'orders-api', AuthorizationType: 'BASIC', AuthParameters: { BasicAuthParameters: { Username: 'a', Password: 'b' } } }));
await step('createMissingParameters', () => ev('CreateConnection', { Name: 'broken', AuthorizationType: 'API_KEY', AuthParameters: { BasicAuthParameters: { Username: 'a', Password: 'b' } } }));
await step('createBadName', () => ev('CreateConnection', { Name: 'bad name', AuthorizationType: 'API_KEY', AuthParameters: { ApiKeyAuthParameters: { ApiKeyName: 'k', ApiKeyValue: 'v' } } }));
await step('describeApiKey', async () => {
  const d = await ev('DescribeConnection', { Name: 'orders-api' });
  delete d.$metadata;
  return { ...d, text: JSON.stringify(d) };
});
await step('describeOAuth', async () => {
  const d = await ev('DescribeConnection', { Name: 'secure-api' });
  delete d.$metadata;
  return { ...d, text: JSON.stringify(d) };
});
await step('describeMissing', () => ev('DescribeConnection', { Name: 'nope' }));
await step('list', async () => (await ev('ListConnections', {})).Connections.map(c => ({ Name: c.Name, ConnectionState: c.ConnectionState, AuthorizationType: c.AuthorizationType })));
await step('listPrefix', async () => (await ev('ListConnections', { NamePrefix: 'o' })).Connections.map(c => c.Name));
await step('listPaged', async () => {
  const names = [];
  let token, pages = 0;
  do {
    const r = await ev('ListConnections', { Limit: 2, NextToken: token });
    names.push(...r.Connections.map(c => c.Name));
    token = r.NextToken;
    pages++;
  } while (token && pages < 10);
  return { names, pages };
});

// HTTP Tasks.
const machine = async (name, definition) => (await sf('CreateStateMachine', { name, definition: JSON.stringify(definition), roleArn: role, type: 'EXPRESS' })).stateMachineArn;
const task = (parameters, extra = {}) => ({ StartAt: 'Call', States: { Call: { Type: 'Task', Resource: 'arn:aws:states:::http:invoke', Parameters: parameters, End: true, ...extra } } });
const run = async (arn, input = {}) => {
  const r = await sf('StartSyncExecution', { stateMachineArn: arn, input: JSON.stringify(input) });
  return { status: r.status, output: r.output ? JSON.parse(r.output) : null, error: r.error ?? null, cause: r.cause ?? null };
};
const getOrder = await machine('get-order', task({
  'ApiEndpoint.$': `States.Format('${api}/orders/{}', $.id)`, Method: 'GET',
  Authentication: { ConnectionArn: apiKey.ConnectionArn }, QueryParameters: { view: 'full' }, Headers: { 'x-request': 'r-1' },
}));
await step('getOrder', () => run(getOrder, { id: 7 }));
const postForm = await machine('post-form', task({
  ApiEndpoint: `${api}/echo`, Method: 'POST', Authentication: { ConnectionArn: basic.ConnectionArn },
  'RequestBody.$': '$', Transform: { RequestBodyEncoding: 'URL_ENCODED', RequestEncodingOptions: { ArrayFormat: 'BRACKETS' } },
}));
await step('postForm', () => run(postForm, { name: 'Ada Lovelace', tags: ['x', 'y'] }));
const failing = await machine('failing', task({ ApiEndpoint: `${api}/fail`, Method: 'GET', Authentication: { ConnectionArn: apiKey.ConnectionArn } }));
await step('failing', () => run(failing));
await step('caught', async () => {
  const d = ({ StartAt: 'Call', States: { Call: { Type: 'Task', Resource: 'arn:aws:states:::http:invoke', Parameters: { ApiEndpoint: `${api}/fail`, Method: 'GET', Authentication: { ConnectionArn: apiKey.ConnectionArn } }, Catch: [{ ErrorEquals: ['States.Http.StatusCode.503'], ResultPath: '$.failure', Next: 'Handled' }], Next: 'Handled' }, Handled: { Type: 'Pass', End: true } } });
  return run(await machine('caught', d));
});
const text = await machine('text', task({ ApiEndpoint: `${api}/text`, Method: 'GET', Authentication: { ConnectionArn: apiKey.ConnectionArn } }));
await step('text', () => run(text));
const slow = await machine('slow', task({ ApiEndpoint: `${api}/slow`, Method: 'GET', Authentication: { ConnectionArn: apiKey.ConnectionArn } }, { TimeoutSeconds: 1 }));
await step('slow', () => run(slow));
const secure = await machine('secure', task({ ApiEndpoint: `${api}/secure`, Method: 'GET', Authentication: { ConnectionArn: oauth.ConnectionArn } }));
await step('secure1', () => run(secure));
await step('secure2', () => run(secure));
await step('tokensIssued', async () => (await (await fetch(`${api}/stats`)).json()).tokens);
const notAllowed = await machine('not-allowed', task({ ApiEndpoint: `http://localhost:${apiPort}/orders/1`, Method: 'GET', Authentication: { ConnectionArn: apiKey.ConnectionArn } }));
await step('notAllowed', () => run(notAllowed));
await step('apiSawSecrets', async () => (await (await fetch(`${api}/stats`)).json()).lastOrder);

// TestState at TRACE.
const traced = JSON.stringify({ Type: 'Task', Resource: 'arn:aws:states:::http:invoke', Parameters: { ApiEndpoint: `${api}/orders/9`, Method: 'GET', Authentication: { ConnectionArn: apiKey.ConnectionArn } }, End: true });
await step('traceHidden', async () => { const r = await sf('TestState', { definition: traced, roleArn: role, input: '{}', inspectionLevel: 'TRACE' }); return { status: r.status, inspectionData: r.inspectionData }; });
await step('traceRevealed', async () => { const r = await sf('TestState', { definition: traced, roleArn: role, input: '{}', inspectionLevel: 'TRACE', revealSecrets: true }); return { status: r.status, inspectionData: r.inspectionData }; });
await step('traceDebug', async () => { const r = await sf('TestState', { definition: traced, roleArn: role, input: '{}', inspectionLevel: 'DEBUG' }); return { status: r.status, inspectionData: r.inspectionData }; });

// Connection lifecycle seen by Tasks.
await step('update', () => ev('UpdateConnection', { Name: 'orders-api', AuthParameters: { ApiKeyAuthParameters: { ApiKeyValue: 'wrong' } } }));
await step('afterUpdate', () => run(getOrder, { id: 8 }));
await step('deauthorize', () => ev('DeauthorizeConnection', { Name: 'orders-api' }));
await step('describeDeauthorized', async () => (await ev('DescribeConnection', { Name: 'orders-api' })).ConnectionState);
await step('afterDeauthorize', () => run(getOrder, { id: 9 }));
await step('delete', () => ev('DeleteConnection', { Name: 'orders-api' }));
await step('deleteAgain', () => ev('DeleteConnection', { Name: 'orders-api' }));
await step('afterDelete', () => run(getOrder, { id: 10 }));

// Nested workflows.
const child = await machine('child', { StartAt: 'Echo', States: { Echo: { Type: 'Pass', Parameters: { 'got.$': '$' }, End: true } } });
const parentAsync = await machine('parent-async', { StartAt: 'Start', States: { Start: { Type: 'Task', Resource: 'arn:aws:states:::states:startExecution',
  Parameters: { StateMachineArn: child, Input: { n: 1, 'AWS_STEP_FUNCTIONS_STARTED_BY_EXECUTION_ID.$': '$$.Execution.Id' } }, Next: 'Describe' },
  Describe: { Type: 'Task', Resource: 'arn:aws:states:::aws-sdk:sfn:describeExecution', Parameters: { 'ExecutionArn.$': '$.ExecutionArn' }, ResultSelector: { 'Input.$': '$.Input', 'StateMachineArn.$': '$.StateMachineArn', 'StartDate.$': '$.StartDate' }, End: true } } });
await step('parentAsync', () => run(parentAsync));
const parentSync = await machine('parent-sync', { StartAt: 'Start', States: { Start: { Type: 'Task', Resource: 'arn:aws:states:::aws-sdk:sfn:startSyncExecution',
  Parameters: { StateMachineArn: child, 'Input.$': "States.JsonToString($)" }, End: true } } });
await step('parentSync', () => run(parentSync, { n: 2 }));
const missingSdk = await machine('missing-child-sdk', { StartAt: 'Start', States: { Start: { Type: 'Task', Resource: 'arn:aws:states:::aws-sdk:sfn:startSyncExecution',
  Parameters: { StateMachineArn: child.replace(':child', ':nope') }, End: true } } });
await step('missingChild', () => run(missingSdk));
const missing = await machine('missing-child', { StartAt: 'Start', States: { Start: { Type: 'Task', Resource: 'arn:aws:states:::states:startExecution',
  Parameters: { StateMachineArn: child.replace(':child', ':nope'), Input: {} }, End: true } } });
await step('missingChildOptimized', () => run(missing));
const recursive = 'arn:aws:states:us-east-1:123456789012:stateMachine:recursive';
await machine('recursive', { StartAt: 'Again', States: { Again: { Type: 'Task', Resource: 'arn:aws:states:::aws-sdk:sfn:startSyncExecution',
  Parameters: { StateMachineArn: recursive, Input: '{}' }, End: true } } });
await step('recursive', () => run(recursive));
await step('sync', () => sf('CreateStateMachine', { name: 'sync-child', roleArn: role, type: 'EXPRESS', definition: JSON.stringify({ StartAt: 'S', States: { S: { Type: 'Task', Resource: 'arn:aws:states:::states:startExecution.sync:2', Parameters: { StateMachineArn: child }, End: true } } }) }));

// Resources nothing serves: a warning when asked for, States.Runtime when run.
const dynamo = { StartAt: 'Get', States: { Get: { Type: 'Task', Resource: 'arn:aws:states:::aws-sdk:dynamodb:getItem', Parameters: { TableName: 't', Key: {} }, End: true } } };
await step('validateWarning', async () => { const r = await sf('ValidateStateMachineDefinition', { definition: JSON.stringify(dynamo), type: 'EXPRESS', severity: 'WARNING' }); return { result: r.result, diagnostics: r.diagnostics }; });
await step('validateErrorsOnly', async () => { const r = await sf('ValidateStateMachineDefinition', { definition: JSON.stringify(dynamo), type: 'EXPRESS' }); return { result: r.result, diagnostics: r.diagnostics }; });
await step('unsupported', async () => run(await machine('unsupported', dynamo)));

console.log(JSON.stringify(out));
