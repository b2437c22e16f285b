// One state machine: its graph, definition, versions and aliases, recent executions, and Start execution with a checked input.
import { sfn, helper } from '../api.js';
import { h, link, executionHref, date, table, status, pretty, error } from '../ui.js';
import { renderGraph } from '../graph.js';

/** Checks JSON as the user types: returns null when valid, else the parser's message. */
export function checkJson(text) {
  try { JSON.parse(text); return null; } catch (e) { return e.message; }
}

export default async function machine(el, arn) {
  const [sm, graph, versions, aliases, recent] = await Promise.all([
    sfn('DescribeStateMachine', { stateMachineArn: arn }),
    helper('graph', { stateMachineArn: arn }),
    sfn('ListStateMachineVersions', { stateMachineArn: arn, maxResults: 20 }).catch(() => ({ stateMachineVersions: [] })),
    sfn('ListStateMachineAliases', { stateMachineArn: arn, maxResults: 20 }).catch(() => ({ stateMachineAliases: [] })),
    sfn('ListExecutions', { stateMachineArn: arn, maxResults: 10 }),
  ]);

  const input = h('textarea', { class: 'editor', id: 'execution-input', spellcheck: 'false' }, '{}');
  const name = h('input', { id: 'execution-name', placeholder: 'name (optional)', size: 30 });
  const hint = h('span', { class: 'hint', id: 'input-hint' }, 'Valid JSON');
  const start = h('button', { class: 'primary', id: 'start-execution', type: 'button' }, 'Start execution');
  const result = h('div');
  const check = () => {
    const problem = checkJson(input.value);
    input.classList.toggle('invalid', !!problem);
    hint.textContent = problem ? `Not valid JSON: ${problem}` : 'Valid JSON';
    hint.classList.toggle('bad', !!problem);
    start.disabled = !!problem;
  };
  input.addEventListener('input', check);
  start.addEventListener('click', async () => {
    if (checkJson(input.value)) return;
    start.disabled = true;
    try {
      const started = await sfn('StartExecution', { stateMachineArn: arn, input: input.value, ...(name.value.trim() ? { name: name.value.trim() } : {}) });
      location.hash = executionHref(started.executionArn);
    } catch (e) {
      result.replaceChildren(error(e));
      start.disabled = false;
    }
  });

  const graphBox = h('div', { class: 'graph-box', id: 'machine-graph' });
  el.append(
    h('h1', {}, sm.name), h('p', { class: 'sub' }, sm.stateMachineArn),
    h('div', { class: 'card stats' },
      h('div', {}, h('b', {}, 'Type'), sm.type), h('div', {}, h('b', {}, 'Status'), sm.status),
      h('div', {}, h('b', {}, 'Created'), date(sm.creationDate)), h('div', {}, h('b', {}, 'Revision'), sm.revisionId || '—'),
      h('div', {}, h('b', {}, 'Executions'), link(`#/executions?machine=${encodeURIComponent(arn)}`, 'all executions →'))),
    h('div', { class: 'split' },
      h('div', {}, h('h2', {}, 'Graph'), graphBox),
      h('div', {},
        h('h2', {}, 'Start an execution'),
        h('div', { class: 'card' }, h('div', { class: 'toolbar' }, name, start), input, hint, result),
        h('h2', {}, 'Recent executions'),
        table(['Name', 'Status', 'Started'], recent.executions.map((x) => [link(executionHref(x.executionArn), x.name), status(x.status), date(x.startDate)]), 'No executions yet.'))),
    h('h2', {}, 'Versions'),
    table(['Version', 'Created'], versions.stateMachineVersions.map((v) => [v.stateMachineVersionArn.split(':').pop(), date(v.creationDate)]), 'No versions published.'),
    h('h2', {}, 'Aliases'),
    table(['Alias', 'Created'], aliases.stateMachineAliases.map((a) => [a.stateMachineAliasArn.split(':').pop(), date(a.creationDate)]), 'No aliases.'),
    h('h2', {}, 'Definition'), pretty(sm.definition));
  await renderGraph(graphBox, graph.graph);
}
