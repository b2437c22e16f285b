// State machines: name, type, created, executions in the last hour and day, failures (last day).
import { listAll, helper } from '../api.js';
import { h, link, machineHref, date, table } from '../ui.js';

export default async function machines(el) {
  const [list, stats] = await Promise.all([listAll('ListStateMachines', { maxResults: 1000 }, 'stateMachines', 10000), helper('machines/stats')]);
  const byArn = new Map(stats.machines.map((m) => [m.stateMachineArn, m]));
  el.append(h('h1', {}, 'State machines'), h('p', { class: 'sub' }, `${list.length} state machine${list.length === 1 ? '' : 's'}; counts over the executions stored.`),
    table(['Name', 'Type', 'Created', 'Last hour', 'Last day', 'Failures (day)'], list.map((m) => {
      const s = byArn.get(m.stateMachineArn) || { lastHour: 0, lastDay: 0, failedLastDay: 0 };
      return [link(machineHref(m.stateMachineArn), m.name, { class: 'machine-link' }), m.type, date(m.creationDate), s.lastHour, s.lastDay,
        s.failedLastDay ? h('span', { class: 'badge failed' }, s.failedLastDay) : '0'];
    }), 'No state machines yet: create one with CreateStateMachine (aws stepfunctions create-state-machine …).'));
  el.querySelectorAll('td:nth-child(n+4)').forEach((td) => td.classList.add('num'));
}
