// Drives a running Quickstep server's Glue API with the official AWS SDK for JavaScript (v3) and prints one JSON
// object: for every step, what the C# test (GlueSdkTests) asserts, or {error, message, status}.
// usage: node glue-scenario.mjs http://127.0.0.1:PORT SCRIPTS_DIR   (the SDK is resolved from ../sdk/node_modules)
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { recorder } from '../sdk/common.mjs';

const require = createRequire(new URL('../sdk/package.json', import.meta.url));
const glue = require('@aws-sdk/client-glue');
const s3sdk = require('@aws-sdk/client-s3');
const sfnsdk = require('@aws-sdk/client-sfn');

const [endpoint, scripts] = process.argv.slice(2);
const common = { endpoint, region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'x' }, maxAttempts: 1 };
const client = new glue.GlueClient(common);
const s3 = new s3sdk.S3Client({ ...common, forcePathStyle: true });
const sfn = new sfnsdk.SFNClient({ ...common, disableHostPrefix: true });
const send = (name, input) => client.send(new glue[`${name}Command`](input));
const { out, step } = recorder();
const sleep = ms => new Promise(r => setTimeout(r, ms));
const terminal = ['SUCCEEDED', 'FAILED', 'TIMEOUT', 'STOPPED', 'ERROR'];
const seen = {};
// Polls a run until it ends, remembering every state it was seen in.
const finish = async (job, id) => {
  const states = seen[id] ??= [];
  for (let i = 0; i < 600; i++) {
    const { JobRun } = await send('GetJobRun', { JobName: job, RunId: id });
    if (states[states.length - 1] !== JobRun.JobRunState) states.push(JobRun.JobRunState);
    if (terminal.includes(JobRun.JobRunState)) return { ...JobRun, seen: states };
    await sleep(50);
  }
  throw new Error(`run ${id} of ${job} did not end`);
};
const iso = d => (d instanceof Date ? d.toISOString() : d ?? null);
const run = r => ({ ...r, StartedOn: iso(r.StartedOn), LastModifiedOn: iso(r.LastModifiedOn), CompletedOn: iso(r.CompletedOn) });
const role = 'arn:aws:iam::123456789012:role/glue';

// ---- the script in the built-in S3 ----
await s3.send(new s3sdk.CreateBucketCommand({ Bucket: 'scripts' }));
await s3.send(new s3sdk.PutObjectCommand({ Bucket: 'scripts', Key: 'jobs/ok.py', Body: readFileSync(`${scripts}/ok.py`) }));

// ---- jobs ----
await step('create', () => send('CreateJob', {
  Name: 'ok-s3', Role: role, Command: { Name: 'pythonshell', ScriptLocation: 's3://scripts/jobs/ok.py', PythonVersion: '3.9' },
  DefaultArguments: { '--greeting': 'hello', '--who': 'default' }, NonOverridableArguments: { '--fixed': 'yes' }, GlueVersion: '3.0',
  Tags: { team: 'data' },
}));
await step('createDuplicate', () => send('CreateJob', { Name: 'ok-s3', Role: role, Command: { Name: 'pythonshell', ScriptLocation: 's3://scripts/jobs/ok.py' } }));
await step('createNoRole', () => send('CreateJob', { Name: 'x', Command: { Name: 'pythonshell', ScriptLocation: 's3://scripts/jobs/ok.py' } }));
await step('createNoCommand', () => send('CreateJob', { Name: 'x', Role: role }));
await step('createStreaming', () => send('CreateJob', { Name: 'x', Role: role, Command: { Name: 'gluestreaming', ScriptLocation: 's3://scripts/jobs/ok.py' } }));
await step('createOutsideRoots', () => send('CreateJob', { Name: 'x', Role: role, Command: { Name: 'pythonshell', ScriptLocation: '/etc/passwd' } }));
await step('createBadTimeout', () => send('CreateJob', { Name: 'x', Role: role, Command: { Name: 'pythonshell', ScriptLocation: 's3://scripts/jobs/ok.py' }, Timeout: 0 }));
await step('createFail', () => send('CreateJob', { Name: 'fail-local', Role: role, Command: { Name: 'pythonshell', ScriptLocation: `${scripts}/fail.py` }, Tags: { team: 'data' } }));
await step('createSlow', () => send('CreateJob', { Name: 'slow', Role: role, Command: { Name: 'pythonshell', ScriptLocation: 'sleep.py' }, Timeout: 1 }));
await step('createStoppable', () => send('CreateJob', {
  Name: 'stoppable', Role: role, Command: { Name: 'pythonshell', ScriptLocation: `${scripts}/sleep.py` }, ExecutionProperty: { MaxConcurrentRuns: 2 },
}));
await step('createEtl', () => send('CreateJob', { Name: 'etl', Role: role, Command: { Name: 'glueetl', ScriptLocation: `${scripts}/ok.py` }, WorkerType: 'G.1X', NumberOfWorkers: 2 }));
await step('createMissingScript', () => send('CreateJob', { Name: 'missing-script', Role: role, Command: { Name: 'pythonshell', ScriptLocation: 's3://scripts/jobs/none.py' } }));

await step('getJob', async () => {
  const { Job } = await send('GetJob', { JobName: 'ok-s3' });
  return { ...Job, CreatedOn: iso(Job.CreatedOn), LastModifiedOn: iso(Job.LastModifiedOn) };
});
await step('getJobMissing', () => send('GetJob', { JobName: 'nope' }));
await step('getJobsPaged', async () => {
  const first = await send('GetJobs', { MaxResults: 4 });
  const second = await send('GetJobs', { MaxResults: 4, NextToken: first.NextToken });
  return { first: first.Jobs.map(j => j.Name), token: typeof first.NextToken, second: second.Jobs.map(j => j.Name), end: second.NextToken ?? null };
});
await step('getJobsBadToken', () => send('GetJobs', { NextToken: 'bm90IGEgdG9rZW4=' }));
await step('getJobsTooMany', () => send('GetJobs', { MaxResults: 5000 }));
await step('listJobs', async () => (await send('ListJobs', {})).JobNames);
await step('listJobsTagged', async () => (await send('ListJobs', { Tags: { team: 'data' } })).JobNames);
await step('listJobsPaged', async () => {
  const first = await send('ListJobs', { MaxResults: 5 });
  const second = await send('ListJobs', { MaxResults: 5, NextToken: first.NextToken });
  return [...first.JobNames, ...second.JobNames];
});

// ---- runs ----
await step('start', async () => (await send('StartJobRun', { JobName: 'ok-s3', Arguments: { '--who': 'world', '--extra': 'x y' } })).JobRunId);
const okId = out.start;
await step('startConcurrent', () => send('StartJobRun', { JobName: 'ok-s3' }));
await step('okRun', async () => run(await finish('ok-s3', okId)));
await step('startMissingJob', () => send('StartJobRun', { JobName: 'nope' }));
await step('getRunMissing', () => send('GetJobRun', { JobName: 'ok-s3', RunId: 'jr_nope' }));
await step('getRunOtherJob', () => send('GetJobRun', { JobName: 'fail-local', RunId: okId }));

await step('startFail', async () => (await send('StartJobRun', { JobName: 'fail-local' })).JobRunId);
await step('failRun', async () => run(await finish('fail-local', out.startFail)));
await step('startSlow', async () => (await send('StartJobRun', { JobName: 'slow' })).JobRunId);
await step('slowRun', async () => run(await finish('slow', out.startSlow)));
await step('startEtl', async () => (await send('StartJobRun', { JobName: 'etl' })).JobRunId);
await step('etlRun', async () => run(await finish('etl', out.startEtl)));
await step('startMissingScript', async () => (await send('StartJobRun', { JobName: 'missing-script' })).JobRunId);
await step('missingScriptRun', async () => run(await finish('missing-script', out.startMissingScript)));

// Two runs of a job that allows two; a third is refused; both are stopped.
await step('startStop1', async () => (await send('StartJobRun', { JobName: 'stoppable', Timeout: 30 })).JobRunId);
await step('startStop2', async () => (await send('StartJobRun', { JobName: 'stoppable' })).JobRunId);
await step('startStop3', () => send('StartJobRun', { JobName: 'stoppable' }));
for (let i = 0; i < 200; i++) {
  const { JobRun } = await send('GetJobRun', { JobName: 'stoppable', RunId: out.startStop1 });
  if (JobRun.JobRunState === 'RUNNING') break;
  await sleep(50);
}
await step('batchStop', () => send('BatchStopJobRun', { JobName: 'stoppable', JobRunIds: [out.startStop1, out.startStop2, 'jr_unknown'] }));
await step('stopRun1', async () => run(await finish('stoppable', out.startStop1)));
await step('stopRun2', async () => run(await finish('stoppable', out.startStop2)));
await step('batchStopFinished', () => send('BatchStopJobRun', { JobName: 'stoppable', JobRunIds: [out.startStop1] }));
await step('batchStopEmpty', () => send('BatchStopJobRun', { JobName: 'stoppable', JobRunIds: [] }));

await step('start2', async () => (await send('StartJobRun', { JobName: 'ok-s3', Timeout: 5 })).JobRunId);
await finish('ok-s3', out.start2);
await step('getJobRuns', async () => {
  const first = await send('GetJobRuns', { JobName: 'ok-s3', MaxResults: 1 });
  const second = await send('GetJobRuns', { JobName: 'ok-s3', MaxResults: 1, NextToken: first.NextToken });
  return { first: first.JobRuns.map(r => r.Id), second: second.JobRuns.map(r => r.Id), end: second.NextToken ?? null, timeout: first.JobRuns[0].Timeout };
});
await step('getJobRunsMissing', () => send('GetJobRuns', { JobName: 'nope' }));

// ---- update, delete ----
await step('update', () => send('UpdateJob', {
  JobName: 'ok-s3', JobUpdate: { Role: role, Command: { Name: 'pythonshell', ScriptLocation: 's3://scripts/jobs/ok.py' }, DefaultArguments: { '--who': 'updated' }, Timeout: 10 },
}));
await step('afterUpdate', async () => {
  const { Job } = await send('GetJob', { JobName: 'ok-s3' });
  return { DefaultArguments: Job.DefaultArguments, Timeout: Job.Timeout, NonOverridableArguments: Job.NonOverridableArguments ?? null, created: iso(Job.CreatedOn), modified: iso(Job.LastModifiedOn) };
});
await step('updateMissing', () => send('UpdateJob', { JobName: 'nope', JobUpdate: { Role: role, Command: { Name: 'pythonshell', ScriptLocation: 's3://scripts/jobs/ok.py' } } }));
await step('delete', () => send('DeleteJob', { JobName: 'missing-script' }));
await step('deleteAgain', () => send('DeleteJob', { JobName: 'missing-script' }));
await step('afterDelete', () => send('GetJob', { JobName: 'missing-script' }));
await step('runsAfterDelete', () => send('GetJobRun', { JobName: 'missing-script', RunId: out.startMissingScript }));

// ---- workflows: start a job, poll it with Wait + aws-sdk:glue:getJobRun + Choice ----
const poller = {
  StartAt: 'Start',
  States: {
    Start: { Type: 'Task', Resource: 'arn:aws:states:::glue:startJobRun', Parameters: { 'JobName.$': '$.job', Arguments: { '--who': 'workflow' } }, ResultPath: '$.start', Next: 'Wait' },
    Wait: { Type: 'Wait', Seconds: 1, Next: 'Poll' },
    Poll: { Type: 'Task', Resource: 'arn:aws:states:::aws-sdk:glue:getJobRun', Parameters: { 'JobName.$': '$.job', 'RunId.$': '$.start.JobRunId' }, ResultSelector: { 'State.$': '$.JobRun.JobRunState' }, ResultPath: '$.run', Next: 'Check' },
    Check: {
      Type: 'Choice',
      Choices: [
        { Variable: '$.run.State', StringEquals: 'SUCCEEDED', Next: 'Done' },
        { Variable: '$.run.State', StringEquals: 'FAILED', Next: 'Failed' },
      ],
      Default: 'Wait',
    },
    Done: { Type: 'Pass', Parameters: { 'RunId.$': '$.start.JobRunId', 'State.$': '$.run.State', 'Status.$': '$.start.SdkHttpMetadata.HttpStatusCode' }, End: true },
    Failed: { Type: 'Fail', Error: 'JobFailed', Cause: 'the Glue job run failed' },
  },
};
const errors = {
  StartAt: 'Sdk',
  States: {
    Sdk: { Type: 'Task', Resource: 'arn:aws:states:::aws-sdk:glue:getJobRun', Parameters: { JobName: 'nope', RunId: 'jr_nope' }, Catch: [{ ErrorEquals: ['States.ALL'], ResultPath: '$.sdk', Next: 'Optimized' }], End: true },
    Optimized: { Type: 'Task', Resource: 'arn:aws:states:::glue:startJobRun', Parameters: { JobName: 'nope' }, Catch: [{ ErrorEquals: ['States.ALL'], ResultPath: '$.optimized', Next: 'Stop' }], End: true },
    Stop: { Type: 'Task', Resource: 'arn:aws:states:::aws-sdk:glue:batchStopJobRun', Parameters: { JobName: 'ok-s3', JobRunIds: ['jr_unknown'] }, ResultPath: '$.stop', End: true },
  },
};
const machine = async (name, definition) => (await sfn.send(new sfnsdk.CreateStateMachineCommand({ name, type: 'EXPRESS', roleArn: 'arn:aws:iam::123456789012:role/x', definition: JSON.stringify(definition) }))).stateMachineArn;
const exec = async (arn, input) => {
  const r = await sfn.send(new sfnsdk.StartSyncExecutionCommand({ stateMachineArn: arn, input: JSON.stringify(input) }));
  return { status: r.status, error: r.error ?? null, cause: r.cause ?? null, output: r.output ? JSON.parse(r.output) : null };
};
const pollerArn = await machine('glue-poller', poller);
await step('workflowOk', () => exec(pollerArn, { job: 'ok-s3' }));
await step('workflowFail', () => exec(pollerArn, { job: 'fail-local' }));
await step('workflowRun', async () => run((await send('GetJobRun', { JobName: 'ok-s3', RunId: out.workflowOk.output.RunId })).JobRun));
await step('workflowErrors', async () => exec(await machine('glue-errors', errors), {}));
await step('workflowSync', () => machine('glue-sync', { StartAt: 'S', States: { S: { Type: 'Task', Resource: 'arn:aws:states:::glue:startJobRun.sync', Parameters: { JobName: 'ok-s3' }, End: true } } }));
await step('workflowUnknownAction', () => machine('glue-bad', { StartAt: 'S', States: { S: { Type: 'Task', Resource: 'arn:aws:states:::glue:getJobRun', Parameters: { JobName: 'ok-s3' }, End: true } } }));

console.log(JSON.stringify(out));
