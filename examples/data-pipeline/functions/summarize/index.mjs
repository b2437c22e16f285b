// An unchanged Lambda handler (Node.js, ES module): turns the job's run and the API's score into the pipeline's result.
export const handler = async (event, context) => {
  console.log('summarizing batch', event.batchId);
  return {
    batchId: event.batchId,
    jobRunState: event.jobRun.JobRunState,
    risk: event.score.risk,
    summary: `batch ${event.batchId}: job ${event.jobRun.JobRunState.toLowerCase()}, risk ${event.score.risk}`,
    summarizedBy: context.functionName,
  };
};
