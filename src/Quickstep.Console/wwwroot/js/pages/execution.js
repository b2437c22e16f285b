// One execution: the graph colored by what ran, the selected state's input/output/error/retries with its Map iterations or
// Parallel branches, the event timeline, and Stop; refreshes itself while the execution runs.
import { sfn, helper } from '../api.js';
import { h, link, machineHref, date, duration, status, pretty, error, nameOf } from '../ui.js';
import { renderGraph } from '../graph.js';

const REFRESH_MS = 1000;

async function load(arn) {
  const [described, drawn, events] = await Promise.all([
    sfn('DescribeExecution', { executionArn: arn }),
    helper('execution-graph', { executionArn: arn }),
    history(arn),
  ]);
  return { described, graph: drawn.graph, overlay: drawn.overlay, events };
}

async function history(arn) {
  const events = [];
  let nextToken;
  do {
    const page = await sfn('GetExecutionHistory', { executionArn: arn, maxResults: 1000, includeExecutionData: true, ...(nextToken ? { nextToken } : {}) });
    events.push(...page.events);
    nextToken = page.nextToken;
  } while (nextToken && events.length < 25000);
  return events;
}

const details = (e) => Object.entries(e).find(([k, v]) => k.endsWith('EventDetails') && v)?.[1] || {};

export default async function execution(el, arn) {
  let data = await load(arn);
  let selected = null; // node id
  let scopePick = {}; // Map/Parallel node id -> chosen iteration or branch index
  let timer = null;

  const header = h('div');
  const graphBox = h('div', { class: 'graph-box', id: 'execution-graph' });
  const panel = h('div', { class: 'card', id: 'state-panel' });
  const timeline = h('div', { class: 'timeline' });
  const io = h('div');
  el.append(header, h('div', { class: 'split' },
    h('div', {}, h('h2', {}, 'Graph'), h('div', { class: 'legend' }, ['succeeded', 'failed', 'caught', 'inProgress', 'notRun'].map((s) => h('span', {}, h('i', { class: s }), s))), graphBox),
    h('div', {}, h('h2', {}, 'State'), panel)),
  io, h('h2', {}, 'Events'), timeline);

  // The overlay shown: the execution's, with the chosen iteration/branch of each Map/Parallel laid over its inner states.
  const shownOverlay = () => {
    const overlay = data.overlay;
    if (!overlay) return null;
    const nodes = { ...overlay.nodes };
    for (const [id, index] of Object.entries(scopePick)) {
      const runs = nodes[id]?.iterations || nodes[id]?.branches;
      const run = runs?.find((r) => r.index === index);
      if (run) Object.assign(nodes, run.nodes);
    }
    return { ...overlay, nodes };
  };

  const renderPanel = () => {
    const overlay = shownOverlay();
    const node = selected && overlay?.nodes?.[selected];
    if (!selected) { panel.replaceChildren(h('p', { class: 'empty' }, 'Click a state to see its input, output and errors.')); return; }
    const parts = [h('h3', {}, selected, ' ', node ? status(node.status) : '')];
    if (!node || node.status === 'notRun') parts.push(h('p', { class: 'empty' }, 'This state did not run.'));
    else {
      if (node.retries) parts.push(h('p', { class: 'retries' }, `Retried ${node.retries} time${node.retries === 1 ? '' : 's'}`));
      if (node.error || node.cause) parts.push(h('div', { class: 'error state-error' }, h('strong', {}, node.error || 'Error'), h('div', { class: 'cause' }, node.cause || '')));
      const runs = node.iterations || node.branches;
      if (runs?.length) {
        const word = node.iterations ? 'Iteration' : 'Branch';
        parts.push(h('h3', {}, `${node.iterations ? 'Map iterations' : 'Parallel branches'} (${runs.length})`),
          h('div', { class: 'iterations' }, runs.map((r) => h('button', {
            type: 'button', class: `iteration ${scopePick[selected] === r.index ? 'active' : ''}`, 'data-index': r.index,
            onclick: () => { scopePick = { ...scopePick, [selected]: scopePick[selected] === r.index ? undefined : r.index }; if (scopePick[selected] === undefined) delete scopePick[selected]; redraw(); },
          }, `${word} ${r.index}`, ' ', status(r.status)))),
          h('p', { class: 'hint' }, 'Open one to color the states inside with that run; click its states to see their input and output.'));
      }
      parts.push(h('h3', {}, 'Input'), pretty(node.input), h('h3', {}, 'Output'), pretty(node.output));
    }
    panel.replaceChildren(...parts);
  };

  const renderHeader = () => {
    const d = data.described;
    const stop = h('button', { class: 'danger', id: 'stop-execution', type: 'button', hidden: d.status !== 'RUNNING', onclick: async () => {
      stop.disabled = true;
      try { await sfn('StopExecution', { executionArn: arn, error: 'Console.Stopped', cause: 'Stopped from the Quickstep console.' }); await refresh(); } catch (e) { header.append(error(e)); }
    } }, 'Stop execution');
    header.replaceChildren(
      h('h1', {}, d.name, ' ', h('span', { id: 'execution-status' }, status(d.status)), ' ', stop),
      h('p', { class: 'sub' }, d.executionArn),
      h('div', { class: 'card stats' },
        h('div', {}, h('b', {}, 'State machine'), link(machineHref(d.stateMachineArn.split(':').slice(0, 7).join(':')), nameOf(d.stateMachineArn.split(':').slice(0, 7).join(':')))),
        h('div', {}, h('b', {}, 'Started'), date(d.startDate)), h('div', {}, h('b', {}, 'Stopped'), d.stopDate ? date(d.stopDate) : '—'),
        h('div', {}, h('b', {}, 'Duration'), duration(d.startDate, d.stopDate)),
        h('div', {}, h('b', {}, 'Events'), data.events.length)),
      d.error || d.cause ? h('div', { class: 'error', id: 'execution-error' }, h('strong', {}, d.error || ''), ' ', d.cause || '') : '');
    io.replaceChildren(h('div', { class: 'split' }, h('div', {}, h('h2', {}, 'Execution input'), pretty(d.input)), h('div', {}, h('h2', {}, 'Execution output'), pretty(d.output))));
  };

  const renderTimeline = () => {
    const start = data.events[0] ? data.events[0].timestamp * 1000 : 0;
    timeline.replaceChildren(h('table', {}, h('thead', {}, h('tr', {}, ['#', 'Type', 'Step', 'Elapsed', 'Details'].map((x) => h('th', {}, x)))),
      h('tbody', {}, data.events.map((e) => {
        const dt = details(e);
        const failed = /Failed|TimedOut|Aborted/.test(e.type);
        return h('tr', { class: failed ? 'failed' : '' }, h('td', { class: 'num' }, e.id), h('td', {}, e.type), h('td', {}, dt.name || ''),
          h('td', { class: 'num' }, `${Math.round(e.timestamp * 1000 - start)} ms`),
          h('td', {}, dt.error || dt.cause ? `${dt.error || ''} ${dt.cause || ''}`.trim().slice(0, 300) : dt.index !== undefined ? `index ${dt.index}` : ''));
      }))));
  };

  const redraw = async () => {
    renderPanel();
    await renderGraph(graphBox, data.graph, { overlay: shownOverlay(), selected, onSelect: (id) => { selected = id; userSelected = true; redraw(); } });
  };

  const refresh = async () => {
    data = await load(arn);
    autoSelect();
    renderHeader(); renderTimeline(); await redraw();
    if (data.described.status !== 'RUNNING' && timer) { clearInterval(timer); timer = null; }
  };

  // Until the reader picks a state, show the one looked for first: the one that failed, else the one running.
  let userSelected = false;
  const groups = new Set();
  const walk = (scope) => scope.nodes.forEach((n) => { if (n.group) { groups.add(n.id); n.group.branches.forEach(walk); } });
  walk(data.graph);
  const autoSelect = () => {
    if (userSelected) return;
    const nodes = Object.entries(data.overlay?.nodes || {}).sort(([a], [b]) => groups.has(a) - groups.has(b));
    selected = (nodes.find(([, n]) => n.status === 'failed') || nodes.find(([, n]) => n.status === 'inProgress') || [])[0] || null;
  };
  autoSelect();
  renderHeader(); renderTimeline(); await redraw();
  if (data.described.status === 'RUNNING') timer = setInterval(() => refresh().catch(console.error), REFRESH_MS);
  return () => timer && clearInterval(timer);
}

