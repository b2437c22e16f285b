// What every SDK scenario script shares: the client options for a local Quickstep endpoint and the step
// recorder (each step's result, or {error, message, status}, collected into one JSON object for the C# test).

/** Options for any AWS SDK v3 client pointed at the server (no host prefix: StartSyncExecution/TestState would go to sync-127.0.0.1). */
export const clientConfig = endpoint => ({
  endpoint,
  region: 'us-east-1',
  credentials: { accessKeyId: 'x', secretAccessKey: 'x' },
  disableHostPrefix: true,
  maxAttempts: 1,
});

/** A Step Functions client on the endpoint and `send(operation, input)` for it. */
export const stepFunctions = async endpoint => {
  const sfn = await import('@aws-sdk/client-sfn');
  const client = new sfn.SFNClient(clientConfig(endpoint));
  return { client, send: (name, input) => client.send(new sfn[`${name}Command`](input)) };
};

/** `out` holds each step's result by name; `step(name, fn)` records fn's result or the error it raised. */
export const recorder = () => {
  const out = {};
  const step = async (name, fn) => {
    try {
      out[name] = await fn();
    } catch (e) {
      out[name] = { error: e.name, message: e.message, status: e.$metadata?.httpStatusCode };
    }
    return out[name];
  };
  return { out, step };
};
