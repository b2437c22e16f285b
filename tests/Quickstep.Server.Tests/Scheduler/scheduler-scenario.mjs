// Drives a running Quickstep server's EventBridge Scheduler API with the official AWS SDK for JavaScript (v3) and
// prints one JSON object: for every step, what SchedulerSdkTests asserts, or {error, message, status}.
// usage: node scheduler-scenario.mjs http://127.0.0.1:PORT
import { createRequire } from 'node:module';
import { recorder } from '../sdk/common.mjs';

const require = createRequire(new URL('../sdk/package.json', import.meta.url));
const sch = require('@aws-sdk/client-scheduler');
const sqs = require('@aws-sdk/client-sqs');
const sfn = require('@aws-sdk/client-sfn');

const endpoint = process.argv[2];
const config = { endpoint, region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'x' }, maxAttempts: 1 };
const client = new sch.SchedulerClient(config);
const queues = new sqs.SQSClient(config);
const states = new sfn.SFNClient(config);
const send = (name, input) => client.send(new sch[`${name}Command`](input));
const { out, step } = recorder();
const role = 'arn:aws:iam::123456789012:role/scheduler';
const queueUrl = (await queues.send(new sqs.CreateQueueCommand({ QueueName: 'fired' }))).QueueUrl;
const queueArn = 'arn:aws:sqs:us-east-1:123456789012:fired';
const machine = (await states.send(new sfn.CreateStateMachineCommand({
  name: 'scheduled', type: 'EXPRESS', roleArn: role,
  definition: JSON.stringify({ StartAt: 'P', States: { P: { Type: 'Pass', End: true } } }),
}))).stateMachineArn;
const off = { Mode: 'OFF' };
const iso = d => d instanceof Date ? d.toISOString() : d;

// ---- groups ----
await step('getDefaultGroup', async () => { const g = await send('GetScheduleGroup', { Name: 'default' }); return { Name: g.Name, State: g.State, Arn: g.Arn, created: g.CreationDate instanceof Date }; });
await step('createGroup', async () => (await send('CreateScheduleGroup', { Name: 'team-a' })).ScheduleGroupArn);
await step('createGroupAgain', () => send('CreateScheduleGroup', { Name: 'team-a' }));
await step('createGroupBadName', () => send('CreateScheduleGroup', { Name: 'bad name' }));
await send('CreateScheduleGroup', { Name: 'team-b' });
await step('listGroups', async () => (await send('ListScheduleGroups', {})).ScheduleGroups.map(g => g.Name));
await step('listGroupsPrefix', async () => (await send('ListScheduleGroups', { NamePrefix: 'team' })).ScheduleGroups.map(g => g.Name));
await step('listGroupsPaged', async () => {
  const first = await send('ListScheduleGroups', { MaxResults: 2 });
  const second = await send('ListScheduleGroups', { MaxResults: 2, NextToken: first.NextToken });
  return { first: first.ScheduleGroups.map(g => g.Name), second: second.ScheduleGroups.map(g => g.Name), end: second.NextToken ?? null };
});
await step('getGroupMissing', () => send('GetScheduleGroup', { Name: 'nope' }));
await step('deleteDefaultGroup', () => send('DeleteScheduleGroup', { Name: 'default' }));
await step('deleteGroupMissing', () => send('DeleteScheduleGroup', { Name: 'nope' }));

// ---- schedules ----
const target = { Arn: queueArn, RoleArn: role, Input: '{"from":"<aws.scheduler.schedule-arn>"}' };
await step('create', async () => (await send('CreateSchedule', {
  Name: 'nightly', ScheduleExpression: 'cron(30 2 * * ? *)', ScheduleExpressionTimezone: 'America/New_York', FlexibleTimeWindow: off,
  Target: { ...target, RetryPolicy: { MaximumRetryAttempts: 3, MaximumEventAgeInSeconds: 600 }, DeadLetterConfig: { Arn: queueArn } },
  Description: 'night run', StartDate: new Date('2030-01-01T00:00:00Z'), EndDate: new Date('2031-01-01T00:00:00Z'),
})).ScheduleArn);
await step('createAgain', () => send('CreateSchedule', { Name: 'nightly', ScheduleExpression: 'rate(1 hour)', FlexibleTimeWindow: off, Target: target }));
await step('get', async () => {
  const s = await send('GetSchedule', { Name: 'nightly' });
  return { ...s, $metadata: undefined, StartDate: iso(s.StartDate), EndDate: iso(s.EndDate), CreationDate: s.CreationDate instanceof Date, LastModificationDate: s.LastModificationDate instanceof Date };
});
await step('getMissing', () => send('GetSchedule', { Name: 'nope' }));
await step('getWrongGroup', () => send('GetSchedule', { Name: 'nightly', GroupName: 'team-a' }));
await step('badCron', () => send('CreateSchedule', { Name: 'bad1', ScheduleExpression: 'cron(0 10 * * * *)', FlexibleTimeWindow: off, Target: target }));
await step('badRate', () => send('CreateSchedule', { Name: 'bad2', ScheduleExpression: 'rate(0 minutes)', FlexibleTimeWindow: off, Target: target }));
await step('badZone', () => send('CreateSchedule', { Name: 'bad3', ScheduleExpression: 'rate(5 minutes)', ScheduleExpressionTimezone: 'Mars/Base', FlexibleTimeWindow: off, Target: target }));
await step('badWindow', () => send('CreateSchedule', { Name: 'bad4', ScheduleExpression: 'rate(5 minutes)', FlexibleTimeWindow: { Mode: 'FLEXIBLE' }, Target: target }));
await step('badRetry', () => send('CreateSchedule', { Name: 'bad5', ScheduleExpression: 'rate(5 minutes)', FlexibleTimeWindow: off, Target: { ...target, RetryPolicy: { MaximumRetryAttempts: 500 } } }));
await step('badDates', () => send('CreateSchedule', { Name: 'bad6', ScheduleExpression: 'rate(5 minutes)', FlexibleTimeWindow: off, Target: target, StartDate: new Date('2031-01-01'), EndDate: new Date('2030-01-01') }));
await step('missingGroup', () => send('CreateSchedule', { Name: 'x', GroupName: 'nope', ScheduleExpression: 'rate(5 minutes)', FlexibleTimeWindow: off, Target: target }));
await step('badName', () => send('CreateSchedule', { Name: 'has space', ScheduleExpression: 'rate(5 minutes)', FlexibleTimeWindow: off, Target: target }));
for (const n of ['job-1', 'job-2', 'job-3'])
  await send('CreateSchedule', { Name: n, GroupName: 'team-a', ScheduleExpression: 'at(2040-01-01T00:00:00)', FlexibleTimeWindow: { Mode: 'FLEXIBLE', MaximumWindowInMinutes: 15 }, Target: target, State: n === 'job-2' ? 'DISABLED' : 'ENABLED' });
await step('listAll', async () => (await send('ListSchedules', {})).Schedules.map(s => `${s.GroupName}/${s.Name}/${s.State}`));
await step('listGroup', async () => (await send('ListSchedules', { GroupName: 'team-a' })).Schedules.map(s => s.Name));
await step('listPrefix', async () => (await send('ListSchedules', { NamePrefix: 'job-' })).Schedules.map(s => s.Name));
await step('listState', async () => (await send('ListSchedules', { State: 'DISABLED' })).Schedules.map(s => s.Name));
await step('listSummary', async () => { const s = (await send('ListSchedules', { NamePrefix: 'nightly' })).Schedules[0]; return { Arn: s.Arn, Target: s.Target, created: s.CreationDate instanceof Date }; });
await step('listPaged', async () => {
  const first = await send('ListSchedules', { MaxResults: 2 });
  const second = await send('ListSchedules', { MaxResults: 2, NextToken: first.NextToken });
  return { first: first.Schedules.map(s => s.Name), second: second.Schedules.map(s => s.Name), end: second.NextToken ?? null };
});
await step('listMissingGroup', () => send('ListSchedules', { GroupName: 'nope' }));
await step('listBadMax', () => send('ListSchedules', { MaxResults: 500 }));
await step('update', async () => {
  await send('UpdateSchedule', { Name: 'job-2', GroupName: 'team-a', ScheduleExpression: 'rate(2 hours)', FlexibleTimeWindow: off, Target: target, State: 'ENABLED', ActionAfterCompletion: 'DELETE' });
  const s = await send('GetSchedule', { Name: 'job-2', GroupName: 'team-a' });
  return { ScheduleExpression: s.ScheduleExpression, State: s.State, ActionAfterCompletion: s.ActionAfterCompletion, FlexibleTimeWindow: s.FlexibleTimeWindow };
});
await step('updateMissing', () => send('UpdateSchedule', { Name: 'nope', ScheduleExpression: 'rate(1 hour)', FlexibleTimeWindow: off, Target: target }));
await step('delete', async () => { await send('DeleteSchedule', { Name: 'job-1', GroupName: 'team-a' }); return (await send('ListSchedules', { GroupName: 'team-a' })).Schedules.map(s => s.Name); });
await step('deleteMissing', () => send('DeleteSchedule', { Name: 'job-1', GroupName: 'team-a' }));
await step('deleteGroup', async () => {
  await send('DeleteScheduleGroup', { Name: 'team-a' });
  return (await send('ListSchedules', {})).Schedules.map(s => `${s.GroupName}/${s.Name}`);
});

// ---- firing: rate() without StartDate runs at once ----
await step('fireToQueue', async () => {
  const arn = (await send('CreateSchedule', { Name: 'now', ScheduleExpression: 'rate(1 hour)', FlexibleTimeWindow: off, Target: target })).ScheduleArn;
  const r = await queues.send(new sqs.ReceiveMessageCommand({ QueueUrl: queueUrl, WaitTimeSeconds: 10 }));
  return { arn, bodies: (r.Messages ?? []).map(m => m.Body) };
});
await step('fireToStateMachine', async () => {
  await send('CreateSchedule', { Name: 'sm', ScheduleExpression: 'rate(1 day)', FlexibleTimeWindow: off, Target: { Arn: machine, RoleArn: role, Input: '{"hello":"scheduler"}' }, ActionAfterCompletion: 'NONE' });
  for (let i = 0; i < 50; i++) {
    const list = await states.send(new sfn.ListExecutionsCommand({ stateMachineArn: machine }));
    if (list.executions.length > 0) {
      const d = await states.send(new sfn.DescribeExecutionCommand({ executionArn: list.executions[0].executionArn }));
      return { count: list.executions.length, input: d.input };
    }
    await new Promise(r => setTimeout(r, 100));
  }
  return { count: 0 };
});

console.log(JSON.stringify(out));
