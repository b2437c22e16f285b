// Draws a workflow graph (Quickstep.Graph's JSON) as SVG, laid out by elkjs (vendor/elk.bundled.js, global ELK).
// Parallel branches and Map processors are nested groups; an overlay colors each state by what happened to it.
const SVG = 'http://www.w3.org/2000/svg';
const NODE_H = 46;
const elk = new globalThis.ELK();

const s = (tag, attrs = {}, ...children) => {
  const el = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) if (v !== undefined && v !== null) el.setAttribute(k, v);
  for (const c of children) if (c) el.append(c);
  return el;
};

const width = (node) => Math.max(130, 8 + 7.2 * Math.max(node.name.length, (node.detail || node.type).length + 2));

/** The ELK graph of one scope: its states, and for each Parallel/Map a group holding one box per branch. */
function scope(scopeJson, idPrefix) {
  return {
    children: scopeJson.nodes.map((n) => {
      if (!n.group) return { id: n.id, width: width(n), height: NODE_H + (n.retry ? 14 : 0), node: n };
      return {
        id: n.id, node: n, layoutOptions: { 'elk.padding': '[top=34,left=10,bottom=10,right=10]', 'elk.direction': 'RIGHT' },
        children: n.group.branches.map((b, i) => ({
          id: `${n.id}#${i}`, branch: { kind: n.group.kind, index: i, of: n.id },
          layoutOptions: { 'elk.padding': '[top=22,left=10,bottom=10,right=10]', 'elk.direction': 'DOWN' },
          ...scope(b, `${n.id}#${i}`),
        })),
      };
    }),
    edges: scopeJson.edges.map((e, i) => ({ id: `${idPrefix}:e${i}`, sources: [e.from], targets: [e.to], edge: e,
      labels: e.label ? [{ text: e.label, width: Math.min(180, 6.5 * e.label.length), height: 14 }] : [] })),
  };
}

/**
 * Renders `graph` into `container`; `overlay` ({nodes: {id: {status,...}}, edges: [{from,to}]}) colors it.
 * `onSelect(nodeId)` is called when a state is clicked. Returns the SVG element.
 */
export async function renderGraph(container, graph, { overlay = null, onSelect = () => {}, selected = null } = {}) {
  const root = {
    id: 'root',
    layoutOptions: {
      'elk.algorithm': 'layered', 'elk.direction': 'DOWN', 'elk.hierarchyHandling': 'INCLUDE_CHILDREN',
      'elk.layered.spacing.nodeNodeBetweenLayers': '36', 'elk.spacing.nodeNode': '26', 'elk.edgeRouting': 'ORTHOGONAL',
      'elk.padding': '[top=12,left=12,bottom=12,right=12]',
    },
    ...scope(graph, 'root'),
  };
  const laid = await elk.layout(root);
  const svg = s('svg', { class: 'graph', width: laid.width, height: laid.height, viewBox: `0 0 ${laid.width} ${laid.height}`, role: 'img' });
  svg.append(s('defs', {}, ...['plain', 'taken', 'catch'].map((k) => s('marker', { id: `arrow-${k}`, viewBox: '0 0 10 10', refX: 9, refY: 5, markerWidth: 7, markerHeight: 7, orient: 'auto-start-reverse' },
    s('path', { d: 'M0,0 L10,5 L0,10 z', class: `arrowhead ${k}` })))));
  const statusOf = (id) => overlay?.nodes?.[id]?.status ?? (overlay ? 'notRun' : null);
  const taken = new Set((overlay?.edges || []).map((e) => `${e.from}\u0000${e.to}`));

  const draw = (parent, group, dx, dy) => {
    for (const c of parent.children || []) {
      const x = dx + c.x, y = dy + c.y;
      if (c.branch) {
        group.append(s('g', { class: `branch ${c.branch.kind}` },
          s('rect', { x, y, width: c.width, height: c.height, rx: 6 }),
          s('text', { x: x + 8, y: y + 15, class: 'branch-label' }, document.createTextNode(c.branch.kind === 'map' ? 'Item processor' : `Branch ${c.branch.index + 1}`))));
        draw(c, group, x, y);
      } else if (c.node.group) {
        const st = statusOf(c.id);
        const g = s('g', { class: `state group ${c.node.group.kind} ${st ? 'status-' + st : ''}`, 'data-id': c.id, 'data-type': c.node.type, tabindex: 0 },
          s('rect', { x, y, width: c.width, height: c.height, rx: 8 }),
          s('text', { x: x + 10, y: y + 16, class: 'name' }, document.createTextNode(c.node.name)),
          s('text', { x: x + 10, y: y + 29, class: 'detail' }, document.createTextNode(`${c.node.type}${c.node.detail ? ' · ' + c.node.detail : ''}${c.node.retry ? ' · ↻ ' + c.node.retry : ''}`)));
        g.addEventListener('click', (ev) => { if (ev.target.closest('.state') === g) onSelect(c.id); });
        group.append(g);
        draw(c, group, x, y);
      } else {
        const st = statusOf(c.id);
        const g = s('g', { class: `state ${c.node.type.toLowerCase()} ${st ? 'status-' + st : ''} ${selected === c.id ? 'selected' : ''}`, 'data-id': c.id, 'data-type': c.node.type, tabindex: 0 },
          s('title', {}, document.createTextNode(`${c.node.name} (${c.node.type})${c.node.retry ? '\nRetry: ' + c.node.retry : ''}${st ? '\n' + st : ''}`)),
          s('rect', { x, y, width: c.width, height: c.height, rx: c.node.type === 'Choice' ? 14 : 6 }),
          s('text', { x: x + c.width / 2, y: y + 19, class: 'name', 'text-anchor': 'middle' }, document.createTextNode(c.node.name)),
          s('text', { x: x + c.width / 2, y: y + 35, class: 'detail', 'text-anchor': 'middle' }, document.createTextNode(c.node.detail || c.node.type)),
          c.node.retry ? s('text', { x: x + c.width / 2, y: y + 51, class: 'retry', 'text-anchor': 'middle' }, document.createTextNode('↻ ' + c.node.retry)) : null);
        g.addEventListener('click', () => onSelect(c.id));
        g.addEventListener('keydown', (ev) => { if (ev.key === 'Enter') onSelect(c.id); });
        group.append(g);
      }
    }
    for (const e of parent.edges || []) {
      const kind = e.edge.kind;
      const isTaken = taken.has(`${e.edge.from}\u0000${e.edge.to}`);
      const cls = `edge ${kind} ${overlay ? (isTaken ? 'taken' : 'not-taken') : ''}`;
      for (const sec of e.sections || []) {
        const pts = [sec.startPoint, ...(sec.bendPoints || []), sec.endPoint].map((p) => `${dx + p.x},${dy + p.y}`).join(' ');
        group.append(s('polyline', { points: pts, class: cls, 'data-from': e.edge.from, 'data-to': e.edge.to,
          'marker-end': `url(#arrow-${isTaken ? 'taken' : kind === 'catch' ? 'catch' : 'plain'})` }));
      }
      for (const l of e.labels || []) group.append(s('text', { x: dx + l.x, y: dy + l.y + 11, class: `edge-label ${kind}` }, document.createTextNode(l.text)));
    }
  };
  const layer = s('g');
  svg.append(layer);
  draw(laid, layer, 0, 0);
  container.replaceChildren(svg);
  return svg;
}
