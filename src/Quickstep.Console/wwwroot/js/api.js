// The console's only way to the server: the AWS APIs on POST / (as the SDKs call them) and the read-only helpers under /console/api/.
import { sign } from './sigv4.js';

const KEY = 'quickstep.credentials';

export class ApiError extends Error {
  constructor(status, code, message) {
    super(message || code);
    this.status = status;
    this.code = code;
  }
}

/** Credentials for signing (kept in this tab's sessionStorage only); null when the server needs none. */
export const credentials = {
  get: () => JSON.parse(sessionStorage.getItem(KEY) || 'null'),
  set: (value) => (value ? sessionStorage.setItem(KEY, JSON.stringify(value)) : sessionStorage.removeItem(KEY)),
};

let onAuthNeeded = () => {};
export function whenAuthNeeded(handler) { onAuthNeeded = handler; }

async function send(method, url, headers, body) {
  const creds = credentials.get();
  const signed = creds ? sign({ method, url, headers, body, credentials: creds }) : {};
  const response = await fetch(url, { method, headers: { ...headers, ...signed }, body });
  const text = await response.text();
  let json = null;
  try { json = text ? JSON.parse(text) : {}; } catch { /* not JSON: reported below */ }
  if (!response.ok) {
    const code = json?.__type?.split('#').pop() || `HTTP ${response.status}`;
    if (response.status === 403 || code === 'MissingAuthenticationTokenException' || code === 'UnrecognizedClientException') onAuthNeeded(code);
    throw new ApiError(response.status, code, json?.message || json?.Message || text);
  }
  if (json === null) throw new ApiError(response.status, 'BadResponse', text.slice(0, 200));
  return json;
}

/** Calls a Step Functions operation, e.g. sfn('ListStateMachines', {}). */
export function sfn(operation, input = {}) {
  return send('POST', '/', { 'Content-Type': 'application/x-amz-json-1.0', 'X-Amz-Target': `AWSStepFunctions.${operation}` }, JSON.stringify(input));
}

/** Reads a console helper endpoint, e.g. helper('machines/stats'). */
export function helper(route, params = {}) {
  const query = new URLSearchParams(Object.entries(params).filter(([, v]) => v !== undefined && v !== null && v !== ''));
  const q = query.toString();
  return send('GET', `/console/api/${route}${q ? '?' + q : ''}`, {}, undefined);
}

/** Every page of a list operation (up to `max` items). */
export async function listAll(operation, input, member, max = 1000) {
  const items = [];
  let nextToken;
  do {
    const page = await sfn(operation, { ...input, ...(nextToken ? { nextToken } : {}) });
    items.push(...(page[member] || []));
    nextToken = page.nextToken;
  } while (nextToken && items.length < max);
  return items;
}
