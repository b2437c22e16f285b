// Usage over time per state machine (executions, billed duration, estimated cost) as stacked bars drawn in SVG.
import { helper } from '../api.js';
import { h, table, nameOf } from '../ui.js';

const SVG = 'http://www.w3.org/2000/svg';
const COLORS = ['#2f5bd3', '#1f8a4c', '#c9302c', '#b7791f', '#7a4cc2', '#0f8b8d', '#d0568c', '#5f6b7a'];
const METRICS = { executions: 'Executions', billedDurationMilliseconds: 'Billed duration (ms)', estimatedCostUsd: 'Estimated cost (USD)' };
const RANGES = { 1: ['minute', 'Last hour'], 24: ['hour', 'Last day'], 168: ['hour', 'Last 7 days'], 720: ['day', 'Last 30 days'] };
const s = (tag, attrs = {}, text) => { const el = document.createElementNS(SVG, tag); for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v); if (text !== undefined) el.textContent = text; return el; };
const fmt = (v, metric) => (metric === 'estimatedCostUsd' ? `$${v < 0.01 ? v.toPrecision(2) : v.toFixed(2)}`
  : (Number.isInteger(v) || v >= 100 ? Math.round(v) : +v.toFixed(1)).toLocaleString('en-US'));

export function chart(series, metric, since, bucketMs, now) {
  const machines = [...new Set(series.map((p) => p.stateMachineArn))].sort();
  const first = Math.floor(since / bucketMs) * bucketMs;
  const buckets = [];
  for (let t = first; t <= now; t += bucketMs) buckets.push(t);
  const values = new Map(); // bucket -> machine -> value
  for (const p of series) {
    const m = values.get(p.start) || new Map();
    m.set(p.stateMachineArn, (m.get(p.stateMachineArn) || 0) + (p[metric] || 0));
    values.set(p.start, m);
  }
  const totals = buckets.map((b) => [...(values.get(b)?.values() || [])].reduce((a, v) => a + v, 0));
  const max = Math.max(...totals, metric === 'estimatedCostUsd' ? 0.0001 : 1);
  const W = 900, H = 300, L = 70, B = 28, T = 10, R = 10;
  const bw = (W - L - R) / buckets.length;
  const y = (v) => T + (H - T - B) * (1 - v / max);
  const svg = s('svg', { width: W, height: H, viewBox: `0 0 ${W} ${H}`, id: 'usage-chart', role: 'img' });
  svg.append(s('title', {}, `${METRICS[metric]} per ${bucketMs >= 86400000 ? 'day' : bucketMs >= 3600000 ? 'hour' : 'minute'}`));
  const axis = s('g', { class: 'axis' });
  for (let i = 0; i <= 4; i++) {
    const v = (max * i) / 4;
    axis.append(s('line', { x1: L, x2: W - R, y1: y(v), y2: y(v), class: 'grid' }), s('text', { x: L - 6, y: y(v) + 4, 'text-anchor': 'end' }, fmt(v, metric)));
  }
  const step = Math.ceil(buckets.length / 8);
  buckets.forEach((b, i) => {
    if (i % step) return;
    const d = new Date(b).toISOString();
    axis.append(s('text', { x: L + i * bw + bw / 2, y: H - 8, 'text-anchor': 'middle' }, bucketMs >= 86400000 ? d.slice(5, 10) : d.slice(11, 16)));
  });
  svg.append(axis);
  buckets.forEach((b, i) => {
    let base = 0;
    machines.forEach((m, k) => {
      const v = values.get(b)?.get(m) || 0;
      if (!v) return;
      const rect = s('rect', { x: L + i * bw + 1, width: Math.max(1, bw - 2), y: y(base + v), height: y(base) - y(base + v), fill: COLORS[k % COLORS.length], class: 'bar' });
      rect.append(s('title', {}, `${nameOf(m)} ${new Date(b).toISOString()}: ${fmt(v, metric)}`));
      svg.append(rect);
      base += v;
    });
  });
  const legend = h('div', { class: 'legend' }, machines.map((m, k) => h('span', {}, h('i', { style: `background:${COLORS[k % COLORS.length]};border-color:${COLORS[k % COLORS.length]}` }), nameOf(m))));
  return h('div', { class: 'chart' }, svg, legend);
}

export default async function usage(el) {
  const params = new URLSearchParams(location.hash.split('?')[1] || '');
  const hours = RANGES[params.get('hours')] ? params.get('hours') : '24';
  const metric = METRICS[params.get('metric')] ? params.get('metric') : 'executions';
  const data = await helper('usage', { hours, bucket: RANGES[hours][0] });
  const go = (changes) => { location.hash = '#/usage?' + new URLSearchParams({ hours, metric, ...changes }); };
  const byMachine = new Map();
  for (const p of data.series) {
    const t = byMachine.get(p.stateMachineArn) || { executions: 0, billedDurationMilliseconds: 0, billedGbSeconds: 0, estimatedCostUsd: 0 };
    for (const k of Object.keys(t)) t[k] += p[k] || 0;
    byMachine.set(p.stateMachineArn, t);
  }
  el.append(h('h1', {}, 'Usage'), h('p', { class: 'sub' }, 'Executions, billed duration and estimated cost (Express pricing, the server\'s price table) of the executions stored.'),
    h('div', { class: 'toolbar' },
      h('select', { id: 'usage-range', onchange: (e) => go({ hours: e.target.value }) }, Object.entries(RANGES).map(([k, [, label]]) => h('option', { value: k, selected: k === hours }, label))),
      h('select', { id: 'usage-metric', onchange: (e) => go({ metric: e.target.value }) }, Object.entries(METRICS).map(([k, label]) => h('option', { value: k, selected: k === metric }, label)))),
    chart(data.series, metric, data.since, data.bucketMilliseconds, Date.now()),
    h('h2', {}, 'Per state machine'),
    table(['State machine', 'Executions', 'Billed duration (ms)', 'GB-seconds', 'Estimated cost (USD)'],
      [...byMachine].map(([arn, t]) => [nameOf(arn), t.executions, t.billedDurationMilliseconds, t.billedGbSeconds.toFixed(3), fmt(t.estimatedCostUsd, 'estimatedCostUsd')]), 'No executions in this period.'));
}
