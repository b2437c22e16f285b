-- wrk script: one AWS JSON 1.0 request, repeated. Environment: QS_TARGET (operation), QS_BODY (JSON body).
-- Prints one machine-readable RESULT line at the end (latencies in microseconds).
wrk.method = "POST"
wrk.path = "/"
wrk.headers["X-Amz-Target"] = "AWSStepFunctions." .. os.getenv("QS_TARGET")
wrk.headers["Content-Type"] = "application/x-amz-json-1.0"
wrk.body = os.getenv("QS_BODY") or "{}"

done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("RESULT requests=%d duration_us=%d status_errors=%d socket_errors=%d p50_us=%d p99_us=%d max_us=%d\n",
    summary.requests, summary.duration, e.status, e.connect + e.read + e.write + e.timeout,
    latency:percentile(50), latency:percentile(99), latency.max))
end
