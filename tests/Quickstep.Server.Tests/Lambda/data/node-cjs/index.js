// An unchanged CommonJS Lambda handler file (Node.js runtime): async, callback, thrown error, crash, slow.
class OrderRejected extends Error {
  constructor(message) { super(message); this.name = 'OrderRejected'; }
}

exports.handler = async (event, context) => {
  console.log('greeting', event.name);
  return {
    greeting: `Hello, ${event.name}`,
    requestId: context.awsRequestId,
    functionName: context.functionName,
    memory: context.memoryLimitInMB,
    remainingOk: context.getRemainingTimeInMillis() > 0,
    region: process.env.AWS_REGION,
    handlerEnv: process.env._HANDLER,
    custom: process.env.GREETING_STYLE ?? null,
    pid: process.pid,
  };
};

exports.callback = (event, context, callback) => {
  setTimeout(() => callback(null, { sum: event.a + event.b }), 1);
};

exports.fail = async (event) => {
  throw new OrderRejected(`order ${event.id} rejected`);
};

exports.crash = async () => {
  console.log('about to exit');
  process.exit(3);
};

exports.slow = async (event) => {
  await new Promise((resolve) => setTimeout(resolve, event.ms));
  return { slept: event.ms };
};

exports.echo = async (event) => ({ ...event, pid: process.pid });
