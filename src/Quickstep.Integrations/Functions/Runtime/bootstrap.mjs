// Quickstep's Node.js bootstrap: loads an unchanged Lambda handler (CommonJS or ES module, async or callback
// style) and serves it over the AWS Lambda Runtime API at AWS_LAMBDA_RUNTIME_API, as Lambda's Node runtime does.
import http from 'node:http';
import path from 'node:path';
import fs from 'node:fs';
import { pathToFileURL } from 'node:url';

const api = process.env.AWS_LAMBDA_RUNTIME_API;
const [host, port] = api.split(':');
const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
const END_MARKER = '\u001eQUICKSTEP-END ';

function request(method, urlPath, body, headers = {}) {
  return new Promise((resolve, reject) => {
    const data = body === undefined ? undefined : Buffer.from(body, 'utf8');
    const req = http.request({ host, port, path: urlPath, method, agent,
      headers: data === undefined ? headers : { ...headers, 'Content-Type': 'application/json', 'Content-Length': data.length } }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(data);
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
