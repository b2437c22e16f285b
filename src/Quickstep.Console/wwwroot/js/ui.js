// Small DOM and formatting helpers shared by the pages.
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
    else if (k === 'class') el.className = v;
    else el.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children.flat()) if (c !== null && c !== undefined && c !== false) el.append(c instanceof Node ? c : String(c));
  return el;
}

export const link = (href, text, attrs = {}) => h('a', { href, ...attrs }, text);
export const machineHref = (arn) => `#/machine/${encodeURIComponent(arn)}`;
export const executionHref = (arn) => `#/execution/${encodeURIComponent(arn)}`;
export const nameOf = (arn) => arn?.split(':').pop() ?? '';

export function date(value) {
  if (value === undefined || value === null) return '';
  const d = typeof value === 'number' ? new Date(value < 1e11 ? value * 1000 : value) : new Date(value);
  return d.toISOString().replace('T', ' ').replace(/\.(\d{3})Z$/, '.$1Z');
}

export function duration(start, stop) {
  if (!start) return '';
  const ms = (stop ? toMs(stop) : Date.now()) - toMs(start);
  return ms < 1000 ? `${Math.round(ms)} ms` : ms < 60000 ? `${(ms / 1000).toFixed(2)} s` : `${Math.floor(ms / 60000)} min ${Math.round((ms % 60000) / 1000)} s`;
}

const toMs = (v) => (typeof v === 'number' ? (v < 1e11 ? v * 1000 : v) : Date.parse(v));

export const status = (s) => h('span', { class: `badge ${String(s).toLowerCase()}` }, s);

/** Pretty JSON of a JSON text or value; text that is not JSON is shown as it is. */
export function pretty(value) {
  if (value === undefined || value === null) return h('pre', { class: 'json empty' }, '—');
  let text = value;
  if (typeof value === 'string') { try { text = JSON.stringify(JSON.parse(value), null, 2); } catch { text = value; } }
  else text = JSON.stringify(value, null, 2);
  return h('pre', { class: 'json' }, text);
}

export function table(headers, rows, empty = 'Nothing here yet.') {
  if (!rows.length) return h('p', { class: 'empty' }, empty);
  return h('table', {}, h('thead', {}, h('tr', {}, headers.map((x) => h('th', {}, x)))),
    h('tbody', {}, rows.map((r) => h('tr', {}, r.map((c) => h('td', {}, c))))));
}

export const error = (e) => h('div', { class: 'error' }, h('strong', {}, e.code || 'Error'), ' ', e.message);
