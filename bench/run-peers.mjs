#!/usr/bin/env node
// The side-by-side harness (issue 7): in one run, the peer (aws-local-stepfunctions, via
// tests/data/bench/peers/run-aws-local-stepfunctions.mjs, copied from ../shared) and `quickstep bench` on workloads w1-w6,
// then one table per workload: executions/s and transitions/s of each engine and their ratio, and a
// check that Quickstep's output equals the peer's. Run it through run-peers.sh (installs the peer, builds).
//
//   node bench/run-peers.mjs --quickstep PATH [--peer-dir /tmp/peers] [--workloads DIR] [--rounds 3]
//        [--seconds 3] [--warmup 3] [--only w1,w5] [--history]
//
// Wall-clock figures: the peer script's medians (fresh process per round) and the median of --rounds
// `quickstep bench` runs (--concurrency 1). CPU-normalized figures (transitions per CPU-second of the
// process, all threads): peer-outputs.mjs and quickstep's cpuSeconds; on a machine shared with other
// work these are the ones to compare, and the one-core target reads them.
import { spawnSync } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isDeepStrictEqual } from 'node:util';
import os from 'node:os';

const here = dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(`--${name}`);
  if (i < 0) return dflt;
  const v = args[i + 1];
  return v === undefined || v.startsWith('--') ? true : v;
};
const quickstep = opt('quickstep');
const peerDir = resolve(opt('peer-dir', '/tmp/peers'));
const workloads = resolve(opt('workloads', join(here, '..', 'tests', 'data', 'bench', 'workloads')));
const peerScript = resolve(opt('peer-script', join(workloads, '..', 'peers', 'run-aws-local-stepfunctions.mjs')));
const rounds = Number(opt('rounds', 3));
const seconds = Number(opt('seconds', 3));
const warmup = Number(opt('warmup', 3));
const withHistory = !!opt('history', false);
const only = opt('only', null);
if (!quickstep) { console.error('--quickstep PATH (the built quickstep binary) is required'); process.exit(2); }

const ALL = [
  { id: 'w1', file: 'w1-pass-chain-100', transitions: 100, extra: [] },
  { id: 'w2', file: 'w2-choice-loop-1000', transitions: 2002, extra: [] },
  { id: 'w3', file: 'w3-inline-map-1000x3', transitions: 3001, extra: [] },
  { id: 'w4', file: 'w4-parallel-10x10', transitions: 101, extra: [] },
  { id: 'w5', file: 'w5-task-chain-50', transitions: 50, extra: ['--echo-functions'] },
  { id: 'w6', file: 'w6-retry-catch', transitions: 8, extra: ['--mock-config', 'MOCK', '--test-case', 'Default'] },
];
const selected = only ? ALL.filter((w) => only.split(',').includes(w.id)) : ALL;

const median = (xs) => { const s = xs.filter((x) => Number.isFinite(x)).sort((a, b) => a - b); if (!s.length) return NaN; const m = s.length >> 1; return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2; };
const fmt = (x) => (!Number.isFinite(x) ? 'n/a' : x >= 1e6 ? `${(x / 1e6).toFixed(2)} M` : x >= 100 ? Math.round(x).toLocaleString('en-US') : x.toFixed(2));
const ratio = (a, b) => (Number.isFinite(a) && Number.isFinite(b) && b > 0 ? `${(a / b).toFixed(1)}×` : 'n/a');
const run = (cmd, argv) => spawnSync(cmd, argv, { encoding: 'utf8', maxBuffer: 64 << 20 });

const started = new Date().toISOString();
const load0 = os.loadavg()[0];

// 1. The peer, wall clock, as its own script measures it.
console.error(`# peer: ${peerScript} --rounds ${rounds} --seconds ${seconds}`);
const peerRun = run(process.execPath, [peerScript, '--peer-dir', peerDir, '--rounds', String(rounds), '--seconds', String(seconds), ...(only ? ['--only', only] : [])]);
if (peerRun.status !== 0) { console.error(peerRun.stderr); process.exit(1); }
const peerWall = {};
let peerMeta = '';
for (const line of peerRun.stdout.split('\n')) {
  if (line.startsWith('# aws-local-stepfunctions')) peerMeta = line.slice(2);
  const m = /^(w\d) \| (\d+) \| ([^|]+) \| ([^|]+) \|/.exec(line);
  if (m) peerWall[m[1]] = { eps: Number(m[3].replace(/,/g, '')), tps: Number(m[4].replace(/,/g, '')) };
  else if (/^w\d \| \d+ \| ERROR/.test(line)) peerWall[line.slice(0, 2)] = { error: line };
}

const rows = [];
for (const w of selected) {
  const def = join(workloads, `${w.file}.asl.json`);
  const input = join(workloads, `${w.file}.input.json`);
  const extra = w.extra.map((a) => (a === 'MOCK' ? join(workloads, `${w.file}.mock.json`) : a));

  // 2. The peer's output, and its CPU-normalized rate.
  console.error(`# ${w.id}: peer output + cpu-normalized`);
  const po = run(process.execPath, [join(here, 'peer-outputs.mjs'), '--peer-dir', peerDir, '--workloads', workloads, '--id', w.id, '--seconds', String(seconds), '--warmup', '1']);
  const peer = po.status === 0 ? JSON.parse(po.stdout) : { error: po.stderr.trim().split('\n').slice(-1)[0] };

  // 3. Quickstep, --rounds runs of `quickstep bench` (history off), then one with history ALL.
  const qs = [];
  let qError = null;
  for (let r = 0; r < rounds; r++) {
    console.error(`# ${w.id}: quickstep round ${r + 1}`);
    const q = run(quickstep, ['bench', def, '--input-file', input, '--seconds', String(seconds), '--warmup', String(warmup), ...extra]);
    if (q.status !== 0) { qError = (q.stderr.trim().split('\n')[0] || `exit ${q.status}`).slice(0, 200); break; }
    qs.push(JSON.parse(q.stdout));
  }
  let hist = null;
  if (withHistory && !qError) {
    console.error(`# ${w.id}: quickstep history ALL`);
    const q = run(quickstep, ['bench', def, '--input-file', input, '--seconds', String(seconds), '--warmup', String(warmup), '--history', ...extra]);
    if (q.status === 0) hist = JSON.parse(q.stdout);
  }

  const qTps = median(qs.map((q) => q.transitionsPerSecond));
  const qEps = median(qs.map((q) => q.executionsPerSecond));
  const cpuRate = (q) => (q.transitionsPerSecond * q.seconds) / q.cpuSeconds; // engine-counted transitions per CPU-second
  const qCpuTps = median(qs.map(cpuRate));
  const pCpuTps = peer.error ? NaN : (peer.executions * w.transitions) / peer.cpuSeconds;
  const same = !qError && !peer.error && qs.length > 0 && isDeepStrictEqual(qs[qs.length - 1].output, peer.output);
  rows.push({
    w, peer, qError, qTps, qEps, qCpuTps, pCpuTps, same,
    pw: peerWall[w.id] ?? { error: 'missing' },
    histCost: hist ? qCpuTps / cpuRate(hist) : NaN,
    qOut: qs.length ? qs[qs.length - 1].output : null,
  });
}

const lines = [];
lines.push(`# ${started} | ${os.cpus().length} cpus (${os.cpus()[0]?.model}) | node ${process.version} | load avg ${load0.toFixed(1)} → ${os.loadavg()[0].toFixed(1)}`);
lines.push(`# peer: ${peerMeta}`);
lines.push(`# quickstep bench --seconds ${seconds} --warmup ${warmup} --concurrency 1, median of ${rounds}`);
lines.push('');
lines.push('| workload | peer exec/s | quickstep exec/s | peer transitions/s | quickstep transitions/s | ratio (wall) | peer tr/CPU-s | quickstep tr/CPU-s | ratio (CPU) |' + (withHistory ? ' ALL/OFF cost |' : '') + ' output = peer |');
lines.push('|---|---:|---:|---:|---:|---:|---:|---:|---:|' + (withHistory ? '---:|' : '') + ':---:|');
for (const r of rows) {
  const pe = r.pw.error ? 'ERROR' : fmt(r.pw.eps);
  const pt = r.pw.error ? 'ERROR' : fmt(r.pw.tps);
  const qe = r.qError ? 'ERROR' : fmt(r.qEps);
  const qt = r.qError ? 'ERROR' : fmt(r.qTps);
  lines.push(`| ${r.w.id} | ${pe} | ${qe} | ${pt} | ${qt} | ${r.qError || r.pw.error ? 'n/a' : ratio(r.qTps, r.pw.tps)} | ${fmt(r.pCpuTps)} | ${r.qError ? 'n/a' : fmt(r.qCpuTps)} | ${r.qError ? 'n/a' : ratio(r.qCpuTps, r.pCpuTps)} |`
    + (withHistory ? ` ${Number.isFinite(r.histCost) ? r.histCost.toFixed(2) + '×' : 'n/a'} |` : '')
    + ` ${r.same ? '✓' : '✗'} |`);
}
for (const r of rows) {
  if (r.qError) lines.push(`- ${r.w.id} quickstep: ${r.qError}`);
  if (r.peer.error) lines.push(`- ${r.w.id} peer: ${r.peer.error}`);
  if (!r.same && !r.qError && !r.peer.error) lines.push(`- ${r.w.id} outputs differ: quickstep ${JSON.stringify(r.qOut).slice(0, 300)} | peer ${JSON.stringify(r.peer.output).slice(0, 300)}`);
}
console.log(lines.join('\n'));
