// Executions of one state machine: status filter, name prefix or ARN search, paging (ListExecutions; name search through the console's helper).
import { sfn, helper, listAll } from '../api.js';
import { h, link, executionHref, machineHref, date, duration, table, status, nameOf } from '../ui.js';

const STATUSES = ['', 'RUNNING', 'SUCCEEDED', 'FAILED', 'TIMED_OUT', 'ABORTED'];

export default async function executions(el) {
  const params = new URLSearchParams(location.hash.split('?')[1] || '');
  const machines = await listAll('ListStateMachines', { maxResults: 1000 }, 'stateMachines', 10000);
  const machine = params.get('machine') || machines[0]?.stateMachineArn;
  const statusFilter = params.get('status') || '';
  const q = (params.get('q') || '').trim();
  const token = params.get('token') || '';
  const back = params.getAll('back');
  el.append(h('h1', {}, 'Executions'));
  if (!machine) { el.append(h('p', { class: 'empty' }, 'No state machines yet.')); return; }

  // Paging keeps the tokens of the pages before in the address ("back"), so Previous and the browser's Back both work.
  const go = (changes) => {
    const next = new URLSearchParams();
    const values = { machine, status: statusFilter, q, ...changes };
    for (const k of ['machine', 'status', 'q', 'token']) if (values[k]) next.set(k, values[k]);
    const earlier = changes.backList ?? (changes.token ? [...back, token || '-'] : []);
    for (const b of earlier) next.append('back', b);
    location.hash = '#/executions?' + next.toString();
  };
  const pick = h('select', { id: 'machine-select', onchange: (e) => go({ machine: e.target.value, token: '' }) },
    machines.map((m) => h('option', { value: m.stateMachineArn, selected: m.stateMachineArn === machine }, m.name)));
  const statusSelect = h('select', { id: 'status-filter', onchange: (e) => go({ status: e.target.value, token: '' }) },
    STATUSES.map((s) => h('option', { value: s, selected: s === statusFilter }, s || 'any status')));
  const search = h('input', { id: 'search', placeholder: 'name prefix or execution ARN', value: q, size: 40 });
  const form = h('form', { class: 'toolbar', onsubmit: async (e) => {
    e.preventDefault();
    const text = search.value.trim();
    if (text.startsWith('arn:')) { location.hash = executionHref(text); return; }
    go({ q: text, token: '' });
  } }, pick, statusSelect, search, h('button', { type: 'submit' }, 'Search'), link(machineHref(machine), nameOf(machine) + ' →'));

  const page = q
    ? await helper('executions', { stateMachineArn: machine, namePrefix: q, statusFilter, nextToken: token, maxResults: 50 })
    : await sfn('ListExecutions', { stateMachineArn: machine, maxResults: 50, ...(statusFilter ? { statusFilter } : {}), ...(token ? { nextToken: token } : {}) });
  const pager = h('div', { class: 'toolbar' },
    h('button', { type: 'button', id: 'previous-page', disabled: back.length === 0,
      onclick: () => { const prev = back[back.length - 1]; go({ token: prev === '-' ? '' : prev, backList: back.slice(0, -1) }); } }, '← Previous'),
    h('button', { type: 'button', id: 'next-page', disabled: !page.nextToken, onclick: () => go({ token: page.nextToken }) }, 'Next →'),
    h('span', { class: 'hint' }, `${page.executions.length} shown${q ? ` · names starting with “${q}”` : ''}`));
  el.append(form,
    table(['Name', 'Status', 'Started', 'Duration'], page.executions.map((x) => [link(executionHref(x.executionArn), x.name, { class: 'execution-link' }), status(x.status), date(x.startDate), duration(x.startDate, x.stopDate)]),
      'No executions match.'), pager);
}
