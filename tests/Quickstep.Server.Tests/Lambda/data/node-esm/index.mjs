// An unchanged ES module Lambda handler file (Node.js runtime).
export const handler = async (event, context) => ({
  esm: true,
  doubled: event.n * 2,
  arn: context.invokedFunctionArn,
  deadlineInFuture: context.getRemainingTimeInMillis() > 0,
});
