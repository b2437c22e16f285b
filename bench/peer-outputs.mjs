#!/usr/bin/env node
// Runs one workload in aws-local-stepfunctions the way tests/data/bench/peers/run-aws-local-stepfunctions.mjs
// does (same handlers: w5 identity functions; w6 Flaky fails twice then returns, AlwaysFails always throws,
// retry intervals 0), and prints one JSON object: {"id", "output", "executions", "seconds", "cpuSeconds"}.
// `output` is one execution's result (the harness checks Quickstep's against it); executions/seconds/cpuSeconds
// are a CPU-time-normalized measurement (process.cpuUsage) for machines shared with other work.
//   node peer-outputs.mjs --peer-dir /tmp/peers --workloads DIR --id w1 [--seconds 2] [--warmup 1]
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createRequire } from 'node:module';

if (typeof Promise.withResolvers !== 'function') {
  // aws-local-stepfunctions 3.x calls Promise.withResolvers (Node 22+); same shim as the peer script.
  Promise.withResolvers = function withResolvers() {
    let resolve, reject;
    const promise = new this((res, rej) => { resolve = res; reject = rej; });
    return { promise, resolve, reject };
  };
}

const FILES = { w1: 'w1-pass-chain-100', w2: 'w2-choice-loop-1000', w3: 'w3-inline-map-1000x3', w4: 'w4-parallel-10x10', w5: 'w5-task-chain-50', w6: 'w6-retry-catch' };
const args = process.argv.slice(2);
const opt = (name, dflt) => { const i = args.indexOf(`--${name}`); return i < 0 ? dflt : args[i + 1]; };
const peerDir = opt('peer-dir', '/tmp/peers');
const dir = opt('workloads');
const id = opt('id');
const seconds = Number(opt('seconds', 2));
const warmup = Number(opt('warmup', 1));

class TransientError extends Error {
  constructor(msg) { super(msg); this.name = 'Transient'; }
}

function overridesFor(def) {
  const taskResourceLocalHandlers = {};
  const retryIntervalOverrides = {};
  if (id === 'w5') for (const [name, s] of Object.entries(def.States)) if (s.Type === 'Task') taskResourceLocalHandlers[name] = async (input) => input;
  if (id === 'w6') {
    let flakyCalls = 0;
    taskResourceLocalHandlers.Flaky = async () => {
      flakyCalls++;
      if (flakyCalls < 3) throw new TransientError(`attempt ${flakyCalls}`);
      return { ok: true, attempts: flakyCalls };
    };
    taskResourceLocalHandlers.AlwaysFails = async () => { throw new TransientError('always'); };
    retryIntervalOverrides.Flaky = 0;
    retryIntervalOverrides.AlwaysFails = 0;
  }
  return { overrides: { taskResourceLocalHandlers, retryIntervalOverrides } };
}

const req = createRequire(join(peerDir, 'package.json'));
const { StateMachine } = await import(pathToFileURL(join(dirname(req.resolve('aws-local-stepfunctions')), 'main.node.esm.js')).href);
const def = JSON.parse(readFileSync(join(dir, `${FILES[id]}.asl.json`), 'utf8'));
const input = JSON.parse(readFileSync(join(dir, `${FILES[id]}.input.json`), 'utf8'));
const sm = new StateMachine(def);
const output = await sm.run(input, overridesFor(def)).result;

async function loop(durSec) {
  let done = 0;
  const deadline = performance.now() + durSec * 1000;
  while (performance.now() < deadline) { await sm.run(input, overridesFor(def)).result; done++; }
  return done;
}
await loop(warmup);
const c0 = process.cpuUsage();
const t0 = performance.now();
const executions = await loop(seconds);
const elapsed = (performance.now() - t0) / 1000;
const cpu = process.cpuUsage(c0);
process.stdout.write(JSON.stringify({ id, output, executions, seconds: elapsed, cpuSeconds: (cpu.user + cpu.system) / 1e6 }) + '\n');
