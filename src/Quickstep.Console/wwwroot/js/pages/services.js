// Services and triggers: what the server's local services hold, read through their list operations (the console's services helper).
import { helper } from '../api.js';
import { h, table, date, nameOf, link, machineHref } from '../ui.js';

const target = (arn) => (arn && arn.includes(':stateMachine:') ? link(machineHref(arn), nameOf(arn)) : arn || '');
const section = (title, data, render) => (data === undefined ? [] : [h('h2', {}, title), data?.error ? h('div', { class: 'error' }, data.error) : render(data)]);

export default async function services(el) {
  const s = await helper('services');
  el.append(h('h1', {}, 'Services & triggers'), h('p', { class: 'sub' }, 'The local AWS services of this server and what starts executions without an API call.'),
    ...section('Queues (SQS)', s.queues, (q) => table(['Queue', 'Visible', 'In flight', 'Delayed', 'Dead-letter queue'],
      q.map((x) => [x.name + (x.fifo ? ' (FIFO)' : ''), x.visible ?? '', x.inFlight ?? '', x.delayed ?? '', x.deadLetterTargetArn ? nameOf(x.deadLetterTargetArn) : '—']), 'No queues.')),
    ...section('Topics (SNS)', s.topics, (t) => table(['Topic', 'Subscriptions'],
      t.map((x) => [x.name, x.subscriptions.length ? h('ul', {}, x.subscriptions.map((u) => h('li', {}, `${u.protocol}: ${u.endpoint}`))) : '—']), 'No topics.')),
    ...section('Event buses and rules (EventBridge)', s.buses, (b) => table(['Bus', 'Rule', 'State', 'Pattern or schedule', 'Targets'],
      b.flatMap((bus) => (bus.rules.length ? bus.rules : [null]).map((r) => [bus.name, r?.name || '—', r?.state || '', r ? (r.scheduleExpression || r.eventPattern || '') : '', r ? h('div', {}, r.targets.map((t) => h('div', {}, target(t)))) : ''])), 'No buses.')),
    ...section('Schedules (EventBridge Scheduler)', s.schedules, (x) => table(['Group', 'Schedule', 'State', 'Expression', 'Next run', 'Target'],
      x.map((r) => [r.group ?? r.GroupName, r.name ?? r.Name, r.state ?? r.State, r.expression ? `${r.expression}${r.timezone ? ' (' + r.timezone + ')' : ''}` : '', r.nextRun ? date(r.nextRun) : '—', target(r.target ?? r.Target?.Arn)]), 'No schedules.')),
    ...section('Pipes (EventBridge Pipes)', s.pipes, (p) => table(['Pipe', 'State', 'Source', 'Target'],
      p.map((x) => [x.Name, x.CurrentState || x.DesiredState, nameOf(x.Source), target(x.Target)]), 'No pipes.')),
    ...section('Webhooks', s.webhooks, (w) => table(['Path', 'Mode', 'Signed', 'State machine'],
      w.map((x) => [x.path, x.mode, x.signed ? 'yes' : 'no', target(x.stateMachineArn)]), 'No webhooks (they come from the configuration file).')),
    ...section('Functions (Lambda)', s.functions, (f) => table(['Function', 'Runtime', 'Handler'],
      f.map((x) => [x.FunctionName, x.Runtime || '', x.Handler || '']), 'No functions.')),
    ...section('Jobs (Glue)', s.jobs, (j) => table(['Job', 'Command', 'Script'],
      j.map((x) => [x.Name, x.Command?.Name || '', x.Command?.ScriptLocation || '']), 'No jobs.')));
}
