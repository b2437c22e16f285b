// Glue on two Quickstep nodes sharing one PostgreSQL database, driven with @aws-sdk/client-glue.
// Phase "run": a job created on A is started on B and seen RUNNING then SUCCEEDED through A; a long run started on B
// counts against MaxConcurrentRuns on A; prints the long run's id. Phase "stop" (after A restarted): the long run is
// still RUNNING through A, BatchStopJobRun on A stops it on B, and both nodes show STOPPED.
// Prints one JSON object: for every step, the fields the C# test asserts, or {error, status}.
// usage: node cluster-glue.mjs run|stop http://127.0.0.1:PORT_A http://127.0.0.1:PORT_B [RUN_ID]
import * as glue from '@aws-sdk/client-glue';
import { clientConfig, recorder } from './common.mjs';

const [phase, a, b, longRun] = process.argv.slice(2);
const nodes = { a: new glue.GlueClient(clientConfig(a)), b: new glue.GlueClient(clientConfig(b)) };
const send = (node, name, input) => nodes[node].send(new glue[`${name}Command`](input));
const { out, step } = recorder();
const sleep = ms => new Promise(resolve => setTimeout(resolve, ms));
const state = async (node, JobName, RunId) => (await send(node, 'GetJobRun', { JobName, RunId })).JobRun;
// Polls the run through `node`, recording every distinct state seen, until `done` holds (at most ~15 s).
const watch = async (node, JobName, RunId, done) => {
  const seen = [];
  for (let i = 0; i < 300; i++) {
    const run = await state(node, JobName, RunId);
    if (seen.at(-1) !== run.JobRunState) seen.push(run.JobRunState);
    if (done(run.JobRunState)) return { seen, run };
    await sleep(50);
  }
  return { seen, run: null };
};
const final = s => ['SUCCEEDED', 'FAILED', 'ERROR', 'STOPPED', 'TIMEOUT'].includes(s);

if (phase === 'run') {
  await step('createOnA', async () => (await send('a', 'CreateJob', { Name: 'short', Role: 'r', Command: { Name: 'pythonshell', ScriptLocation: 'pause.py' } })).Name);
  await step('createOnB', async () => (await send('b', 'CreateJob', { Name: 'long', Role: 'r', Command: { Name: 'pythonshell', ScriptLocation: 'sleep.py' } })).Name);
  await step('duplicateOnB', async () => (await send('b', 'CreateJob', { Name: 'short', Role: 'r', Command: { Name: 'pythonshell', ScriptLocation: 'ok.py' } })).Name);
  await step('getOnB', async () => (await send('b', 'GetJob', { JobName: 'short' })).Job.Command.ScriptLocation);
  await step('listOnA', async () => (await send('a', 'ListJobs', {})).JobNames);
  await step('shortOnA', async () => {
    const RunId = (await send('b', 'StartJobRun', { JobName: 'short', Arguments: { '--who': 'b' } })).JobRunId;
    const { seen, run } = await watch('a', 'short', RunId, final);
    return { seen, state: run?.JobRunState, arguments: run?.Arguments, executionTime: run?.ExecutionTime, completed: run?.CompletedOn != null };
  });
  await step('failOnA', async () => {
    await send('a', 'UpdateJob', { JobName: 'short', JobUpdate: { Role: 'r', Command: { Name: 'pythonshell', ScriptLocation: 'fail.py' } } });
    const RunId = (await send('b', 'StartJobRun', { JobName: 'short' })).JobRunId;
    const { run } = await watch('a', 'short', RunId, final);
    return { state: run?.JobRunState, errorMessage: run?.ErrorMessage };
  });
  const id = await step('longOnB', async () => {
    const RunId = (await send('b', 'StartJobRun', { JobName: 'long' })).JobRunId;
    const { seen } = await watch('a', 'long', RunId, s => s === 'RUNNING' || final(s));
    return { id: RunId, seen };
  });
  await step('concurrentOnA', async () => (await send('a', 'StartJobRun', { JobName: 'long' })).JobRunId);
  await step('runsOnA', async () => (await send('a', 'GetJobRuns', { JobName: 'short' })).JobRuns.map(r => r.JobRunState));
  out.longRun = id?.id;
} else {
  await step('afterRestartOnA', async () => (await state('a', 'long', longRun)).JobRunState);
  await step('stopOnA', async () => {
    const r = await send('a', 'BatchStopJobRun', { JobName: 'long', JobRunIds: [longRun, 'jr_missing'] });
    return { ok: r.SuccessfulSubmissions.map(s => s.JobRunId), errors: r.Errors.map(e => e.ErrorDetail.ErrorCode) };
  });
  await step('stoppedOnA', async () => {
    const { seen, run } = await watch('a', 'long', longRun, final);
    return { seen, state: run?.JobRunState, completed: run?.CompletedOn != null };
  });
  await step('stoppedOnB', async () => (await state('b', 'long', longRun)).JobRunState);
  await step('stopAgainOnB', async () => (await send('b', 'BatchStopJobRun', { JobName: 'long', JobRunIds: [longRun] })).Errors.map(e => e.ErrorDetail.ErrorCode));
  await step('deleteOnA', async () => (await send('a', 'DeleteJob', { JobName: 'short' })).JobName);
  await step('getDeletedOnB', async () => (await send('b', 'GetJob', { JobName: 'short' })).Job.Name);
}

console.log(JSON.stringify(out));
