// Quickstep's Node.js bootstrap: loads an unchanged Lambda handler (CommonJS or ES module, async or callback
// style) and serves it over the AWS Lambda Runtime API at AWS_LAMBDA_RUNTIME_API, as Lambda's Node runtime does.
import net from 'node:net';
import path from 'node:path';
import fs from 'node:fs';
import { pathToFileURL } from 'node:url';

const api = process.env.AWS_LAMBDA_RUNTIME_API;
const colon = api.lastIndexOf(':');
const host = api.slice(0, colon).replace(/^\[|\]$/g, '');
const port = Number(api.slice(colon + 1));
const END_MARKER = '\u001eQUICKSTEP-END ';

// A minimal HTTP/1.1 client on one kept-alive socket: node:http costs ~100 µs per exchange, and every invocation is two.
let socket;
let received = Buffer.alloc(0);
let waiting; // { resolve, reject } of the exchange in flight (one at a time)

function connect() {
  const s = net.connect({ host, port, noDelay: true });
  socket = s;
  s.on('data', (chunk) => {
    received = received.length === 0 ? chunk : Buffer.concat([received, chunk]);
    tryParse();
  });
  const fail = (err) => {
    if (socket !== s) return; // an old connection closing after a new one opened
    socket = undefined;
    received = Buffer.alloc(0);
    const w = waiting; waiting = undefined;
    w?.reject(err ?? new Error('Runtime API connection closed'));
  };
  s.on('error', fail);
  s.on('close', () => fail());
}

function tryParse() {
  if (!waiting) return;
  const headEnd = received.indexOf('\r\n\r\n');
  if (headEnd < 0) return;
  const lines = received.toString('latin1', 0, headEnd).split('\r\n');
  const status = Number(lines[0].split(' ')[1]);
  const headers = {};
  for (let i = 1; i < lines.length; i++) {
    const c = lines[i].indexOf(':');
    if (c > 0) headers[lines[i].slice(0, c).trim().toLowerCase()] = lines[i].slice(c + 1).trim();
  }
  let body;
  let rest;
  if (headers['transfer-encoding']?.toLowerCase().includes('chunked')) {
    const parts = [];
    let at = headEnd + 4;
    for (;;) {
      const lineEnd = received.indexOf('\r\n', at);
      if (lineEnd < 0) return;
      const size = parseInt(received.toString('latin1', at, lineEnd), 16);
      if (size === 0) {
        // The last chunk, then trailer lines (usually none) up to an empty line.
        const end = received.indexOf('\r\n\r\n', lineEnd);
        if (end < 0) return;
        rest = end + 4;
        break;
      }
      if (received.length < lineEnd + 2 + size + 2) return;
      parts.push(received.subarray(lineEnd + 2, lineEnd + 2 + size));
      at = lineEnd + 2 + size + 2;
    }
    body = Buffer.concat(parts);
  } else {
    const length = Number(headers['content-length'] ?? 0);
    if (received.length < headEnd + 4 + length) return;
    body = received.subarray(headEnd + 4, headEnd + 4 + length);
    rest = headEnd + 4 + length;
  }
  received = received.subarray(rest);
  const w = waiting; waiting = undefined;
  w.resolve({ status, headers, body: body.toString('utf8') });
  if (headers.connection?.toLowerCase() === 'close') {
    const s = socket; socket = undefined; received = Buffer.alloc(0);
    s?.destroy();
  }
}

function request(method, urlPath, body, headers = {}) {
  return new Promise((resolve, reject) => {
    if (!socket) connect();
    waiting = { resolve, reject };
    let head = `${method} ${urlPath} HTTP/1.1\r\nHost: ${api}\r\n`;
    for (const [name, value] of Object.entries(headers)) head += `${name}: ${String(value).replace(/[\r\n]/g, ' ')}\r\n`;
    if (body === undefined) {
      socket.write(head + '\r\n');
    } else {
      const data = Buffer.from(body, 'utf8');
      socket.write(Buffer.concat([Buffer.from(`${head}Content-Type: application/json\r\nContent-Length: ${data.length}\r\n\r\n`, 'latin1'), data]));
    }
  });
}

function errorObject(err) {
  if (err instanceof Error) {
    return { errorType: err.name || 'Error',
      errorMessage: err.message, trace: String(err.stack ?? '').split('\n') };
  }
  if (err !== null && typeof err === 'object') {
    return { errorType: err.errorType ?? err.name ?? 'Error', errorMessage: err.errorMessage ?? err.message ?? JSON.stringify(err), trace: [] };
  }
  return { errorType: 'string', errorMessage: String(err), trace: [] };
}

async function postError(urlPath, err, fallbackType) {
  const e = errorObject(err);
  if (fallbackType) e.errorType = fallbackType;
  await request('POST', urlPath, JSON.stringify(e), { 'Lambda-Runtime-Function-Error-Type': e.errorType });
}

// Lambda prefixes each console line with the time, the request id and the level.
let currentRequestId;
for (const [method, level] of [['log', 'INFO'], ['info', 'INFO'], ['warn', 'WARN'], ['error', 'ERROR'], ['debug', 'DEBUG'], ['trace', 'TRACE']]) {
  const original = console[method].bind(console);
  console[method] = (...args) => {
    const text = args.map((a) => typeof a === 'string' ? a : (() => { try { return JSON.stringify(a); } catch { return String(a); } })()).join(' ');
    process.stdout.write(`${new Date().toISOString()}\t${currentRequestId ?? 'undefined'}\t${level}\t${text}\n`);
    void original;
  };
}

async function loadHandler() {
  const root = process.env.LAMBDA_TASK_ROOT ?? process.cwd();
  const spec = process.env._HANDLER ?? '';
  const dot = spec.lastIndexOf('.');
  if (dot <= 0) {
    const e = new Error(`Bad handler ${spec}: expected FILE.EXPORT`); e.name = 'Runtime.MalformedHandlerName'; throw e;
  }
  const modulePath = spec.slice(0, dot);
  const exportPath = spec.slice(dot + 1).split('.');
  let file;
  for (const ext of ['.js', '.mjs', '.cjs']) {
    const candidate = path.resolve(root, modulePath + ext);
    if (fs.existsSync(candidate)) { file = candidate; break; }
  }
  if (!file) {
    const e = new Error(`Cannot find module '${modulePath}'`); e.name = 'Runtime.ImportModuleError'; throw e;
  }
  let mod;
  try {
    mod = await import(pathToFileURL(file).href); // import() loads both ES modules and CommonJS (module.exports → default)
  } catch (err) {
    const e = new Error(`${err?.name ?? 'Error'}: ${err?.message ?? err}`); e.name = 'Runtime.ImportModuleError'; e.stack = err?.stack; throw e;
  }
  let fn = mod;
  for (const part of exportPath) fn = fn?.[part] ?? (fn === mod ? mod.default?.[part] : undefined);
  if (typeof fn !== 'function') {
    const e = new Error(`${spec} is undefined or not exported`); e.name = 'Runtime.HandlerNotFound'; throw e;
  }
  return fn;
}

let handler;
try {
  handler = await loadHandler();
} catch (err) {
  await postError('/2018-06-01/runtime/init/error', err);
  process.exit(1);
}

function invoke(fn, event, context) {
  return new Promise((resolve, reject) => {
    let settled = false;
    const done = (err, result) => {
      if (settled) return; settled = true;
      if (err !== undefined && err !== null) reject(err); else resolve(result);
    };
    context.done = done;
    context.succeed = (r) => done(null, r);
    context.fail = (e) => done(e ?? new Error('handled'));
    try {
      const out = fn.length >= 3 ? fn(event, context, done) : fn(event, context);
      if (out && typeof out.then === 'function') out.then((r) => done(null, r), (e) => done(e ?? new Error('rejected')));
      else if (fn.length < 3) done(null, out);
    } catch (err) {
      done(err);
    }
  });
}

const env = process.env;
for (;;) {
  const next = await request('GET', '/2018-06-01/runtime/invocation/next');
  const id = next.headers['lambda-runtime-aws-request-id'];
  const deadline = Number(next.headers['lambda-runtime-deadline-ms']);
  currentRequestId = id;
  if (next.headers['lambda-runtime-trace-id']) env._X_AMZN_TRACE_ID = next.headers['lambda-runtime-trace-id'];
  const context = {
    callbackWaitsForEmptyEventLoop: true,
    functionName: env.AWS_LAMBDA_FUNCTION_NAME,
    functionVersion: env.AWS_LAMBDA_FUNCTION_VERSION,
    invokedFunctionArn: next.headers['lambda-runtime-invoked-function-arn'],
    memoryLimitInMB: env.AWS_LAMBDA_FUNCTION_MEMORY_SIZE,
    awsRequestId: id,
    logGroupName: env.AWS_LAMBDA_LOG_GROUP_NAME,
    logStreamName: env.AWS_LAMBDA_LOG_STREAM_NAME,
    clientContext: next.headers['lambda-runtime-client-context'] ? JSON.parse(next.headers['lambda-runtime-client-context']) : undefined,
    identity: next.headers['lambda-runtime-cognito-identity'] ? JSON.parse(next.headers['lambda-runtime-cognito-identity']) : undefined,
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
  };
  let event;
  try {
    event = JSON.parse(next.body);
  } catch (err) {
    process.stdout.write(END_MARKER + id + '\n');
    await postError(`/2018-06-01/runtime/invocation/${id}/error`, err, 'Runtime.UnmarshalError');
    continue;
  }
  let outcome;
  try {
    const result = await invoke(handler, event, context);
    outcome = { ok: true, body: result === undefined ? 'null' : JSON.stringify(result) };
  } catch (err) {
    const e = errorObject(err);
    console.error(`Invoke Error \t${JSON.stringify(e)}`);
    outcome = { ok: false, error: e };
  }
  process.stdout.write(END_MARKER + id + '\n');
  currentRequestId = undefined;
  if (outcome.ok) await request('POST', `/2018-06-01/runtime/invocation/${id}/response`, outcome.body);
  else await request('POST', `/2018-06-01/runtime/invocation/${id}/error`, JSON.stringify(outcome.error), { 'Lambda-Runtime-Function-Error-Type': outcome.error.errorType });
}
