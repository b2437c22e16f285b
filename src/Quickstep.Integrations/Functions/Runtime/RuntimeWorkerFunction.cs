using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Threading.Channels;
using Quickstep.Json;

namespace Quickstep.Integrations.Functions.Runtime;

/// <summary>
/// A function served by long-lived worker processes over the AWS Lambda Runtime API: Quickstep's own bootstrap
/// (<c>runtime</c>: nodejs, python) or any program that speaks the API (<c>worker</c>). Workers start on demand,
/// stay warm, number at most <see cref="FunctionSettings.Concurrency"/>, and are replaced after a crash or a
/// timeout. https://docs.aws.amazon.com/lambda/latest/dg/runtimes-api.html
/// </summary>
internal sealed class RuntimeWorkerFunction : LambdaFunction, IAsyncDisposable
{
    /// <summary>The line Quickstep's bootstraps print after an invocation's output (then LogType Tail has all of it).</summary>
    internal const string EndMarker = "\u001eQUICKSTEP-END ";

    private const string Prefix = "/2018-06-01/runtime/";

    /// <summary>How long a new worker may take to start before its first invocation times out (Lambda's init phase limit).</summary>
    private const double InitSeconds = 10;
    private static readonly byte[] Accepted = """{"status":"OK"}"""u8.ToArray();

    private readonly RuntimeWorkerSpec _spec;
    private readonly TimeProvider _time;
    private readonly IRequestIdSource _requestIds;
    private readonly Channel<RuntimePendingInvocation> _queue = Channel.CreateUnbounded<RuntimePendingInvocation>(new UnboundedChannelOptions { AllowSynchronousContinuations = true });
    private readonly List<RuntimeWorker> _workers = [];
    private readonly Lock _lock = new();
    private int _inFlight;
    private bool _disposed;

    public RuntimeWorkerFunction(RuntimeWorkerSpec spec, TimeProvider? time = null, IRequestIdSource? requestIds = null)
    {
        ArgumentNullException.ThrowIfNull(spec);
        _spec = spec;
        _time = time ?? TimeProvider.System;
        _requestIds = requestIds ?? GuidRequestIdSource.Instance;
    }

    /// <summary>Worker processes alive now (tests, diagnostics).</summary>
    public int WorkerCount
    {
        get
        {
            lock (_lock)
                return _workers.Count;
        }
    }

    public override ValueTask<LambdaInvocationResult> InvokeAsync(JValue payload, CancellationToken cancellationToken) =>
        InvokeAsync(payload, new LambdaInvocation { RequestId = _requestIds.NextRequestId() }, cancellationToken);

    public override async ValueTask<LambdaInvocationResult> InvokeAsync(JValue payload, LambdaInvocation invocation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(payload);
        ArgumentNullException.ThrowIfNull(invocation);
        var settings = _spec.Settings;
        if (Interlocked.Increment(ref _inFlight) > settings.Concurrency)
        {
            Interlocked.Decrement(ref _inFlight);
            return LambdaInvocationResult.Failure(LambdaError.Service(429, "TooManyRequestsException", "Rate Exceeded."));
        }

        var pending = new RuntimePendingInvocation(invocation.RequestId, JsonText.SerializeToUtf8(payload), invocation, () => Interlocked.Decrement(ref _inFlight));
        var started = _time.GetTimestamp();
        pending.AppendLog($"START RequestId: {pending.RequestId} Version: $LATEST");
        // Until a worker takes it, the invocation may also wait for a cold start (Lambda's 10-second init phase); NextAsync resets it.
        var timer = _time.CreateTimer(static state =>
        {
            var (self, p) = ((RuntimeWorkerFunction, RuntimePendingInvocation))state!;
            self.TimeOut(p);
        }, (this, pending), TimeSpan.FromSeconds(settings.TimeoutSeconds + InitSeconds), Timeout.InfiniteTimeSpan);
        pending.Timer = timer;
        LambdaInvocationResult result;
        await using (timer.ConfigureAwait(false))
        {
            _queue.Writer.TryWrite(pending);
            EnsureWorkers(pending);
            result = await pending.Result.WaitAsync(cancellationToken).ConfigureAwait(false);
        }

        if (!invocation.WantsLog)
            return result;
        if (_spec.PrintsEndMarker && pending.Worker is not null)
        {
            try
            {
                await pending.LogEnded.WaitAsync(TimeSpan.FromSeconds(1), _time, cancellationToken).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                // A worker that never printed its marker: the tail has what arrived so far.
            }
        }

        var ms = _time.GetElapsedTime(started).TotalMilliseconds;
        pending.AppendLog($"END RequestId: {pending.RequestId}");
        pending.AppendLog(string.Create(CultureInfo.InvariantCulture,
            $"REPORT RequestId: {pending.RequestId}\tDuration: {ms:F2} ms\tBilled Duration: {Math.Max(1, (long)Math.Ceiling(ms))} ms\tMemory Size: {settings.MemorySize} MB\tMax Memory Used: {MemoryUsedMb(pending.Worker)} MB\t"));
        return result.WithLog(pending.LogTail());
    }

    private static long MemoryUsedMb(RuntimeWorker? worker)
    {
        try
        {
            return worker is null || worker.Process.HasExited ? 0 : worker.Process.PeakWorkingSet64 / (1024 * 1024);
        }
        catch (Exception e) when (e is InvalidOperationException or Win32Exception or NotSupportedException)
        {
            return 0;
        }
    }

    private bool TimeOut(RuntimePendingInvocation pending)
    {
        var seconds = _spec.Settings.TimeoutSeconds.ToString("F2", CultureInfo.InvariantCulture);
        var message = $"RequestId: {pending.RequestId} Error: Task timed out after {seconds} seconds";
        if (!pending.TryComplete(LambdaInvocationResult.Failure(LambdaError.Platform("Sandbox.Timedout", message))))
            return false;
        pending.AppendLog(_time.GetUtcNow().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture) + " " + message);
        pending.EndLog();
        // Lambda stops the sandbox of a timed-out invocation; the next call gets a fresh worker.
        pending.Worker?.Kill();
        return true;
    }

    /// <summary>Starts workers until there is one per invocation in flight (at most the concurrency).</summary>
    private void EnsureWorkers(RuntimePendingInvocation? trigger)
    {
        while (true)
        {
            lock (_lock)
            {
                if (_disposed || _workers.Count >= Math.Min(Volatile.Read(ref _inFlight), _spec.Settings.Concurrency))
                    return;
                try
                {
                    // A worker outlives the call that started it: its output pumps and Runtime API loop must not carry
                    // that call's execution context (its execution's log scope, its Task span) into later calls.
                    using (ExecutionContext.SuppressFlow())
                        _workers.Add(StartWorker());
                }
                catch (Exception e) when (e is Win32Exception or InvalidOperationException or IOException or PlatformNotSupportedException)
                {
                    var failed = LambdaInvocationResult.Failure(LambdaError.Service(500, "ServiceException",
                        $"Quickstep could not start a worker for function {_spec.FunctionName} ('{_spec.Program}'): {e.Message}"));
                    if (trigger is not null)
                        trigger.TryComplete(failed);
                    else if (_queue.Reader.TryRead(out var queued))
                        queued.TryComplete(failed);
                    return;
                }
            }
        }
    }

    private RuntimeWorker StartWorker()
    {
        RuntimeWorker? worker = null;
        var listener = new RuntimeApiListener((request, ct) => HandleAsync(worker!, request, ct));
        var start = FunctionProcess.StartInfo(_spec.Program, _spec.Arguments, _spec.WorkingDirectory, _spec.Environment, redirectStdin: false);
        start.Environment["AWS_LAMBDA_RUNTIME_API"] = listener.Address;
        var process = new Process { StartInfo = start };
        try
        {
            process.Start();
        }
        catch
        {
            process.Dispose();
            _ = listener.DisposeAsync().AsTask();
            throw;
        }

        worker = new RuntimeWorker(process, listener);
        _ = WatchAsync(worker);
        return worker;
    }

    private async Task WatchAsync(RuntimeWorker worker)
    {
        var stdout = PumpAsync(worker, worker.Process.StandardOutput);
        var stderr = PumpAsync(worker, worker.Process.StandardError);
        await Task.WhenAll(stdout, stderr).ConfigureAwait(false);
        await worker.Process.WaitForExitAsync().ConfigureAwait(false);
        var code = worker.Process.ExitCode;
        lock (_lock)
            _workers.Remove(worker);
        await worker.Listener.DisposeAsync().ConfigureAwait(false);
        worker.LogTarget?.EndLog();
        if (worker.Current is { IsCompleted: false } current)
        {
            current.TryComplete(LambdaInvocationResult.Failure(worker.InitError
                ?? LambdaError.Crashed(current.RequestId, ExitReason(code))));
        }
        else if (worker.InitError is not null || !worker.Served)
        {
            // The invocation that asked for this worker fails with the init error (or the exit of a worker that died
            // before taking one), as a cold start on Lambda does; starting it again and again would only end in a timeout.
            while (_queue.Reader.TryRead(out var queued))
            {
                var error = worker.InitError ?? LambdaError.Crashed(queued.RequestId, ExitReason(code));
                if (queued.TryComplete(LambdaInvocationResult.Failure(error)))
                    break;
            }
        }

        worker.Process.Dispose();
        if (!_disposed)
            EnsureWorkers(null);
    }

    /// <summary>How Lambda reports a runtime that exited: the signal that killed it (exit codes past 128) or its exit status.</summary>
    private static string ExitReason(int code) =>
        code > 128 ? $"Runtime exited with error: signal: {SignalName(code - 128)}" : $"Runtime exited with error: exit status {code}";

    private static string SignalName(int signal) => signal switch { 9 => "killed", 15 => "terminated", 6 => "aborted", 11 => "segmentation fault", _ => signal.ToString(CultureInfo.InvariantCulture) };

    private async Task PumpAsync(RuntimeWorker worker, StreamReader reader)
    {
        try
        {
            while (await reader.ReadLineAsync().ConfigureAwait(false) is { } line)
            {
                if (line.StartsWith(EndMarker, StringComparison.Ordinal))
                {
                    var target = worker.LogTarget;
                    if (target is not null && line.AsSpan(EndMarker.Length).SequenceEqual(target.RequestId))
                    {
                        worker.LogTarget = null;
                        target.EndLog();
                    }

                    continue;
                }

                var current = worker.LogTarget;
                current?.AppendLog(line);
                if (_spec.Log is { } log)
                {
                    // A line printed while an invocation runs belongs to that invocation's caller (its execution ARN).
                    if (current?.CallerContext is { } context)
                        ExecutionContext.Run(context, static s => { var (log, name, line) = ((Action<string, string>, string, string))s!; log(name, line); }, (log, _spec.FunctionName, line));
                    else
                        log(_spec.FunctionName, line);
                }
            }
        }
        catch (IOException)
        {
            // The pipe broke with the process: nothing more to read.
        }
    }

    private async ValueTask<RuntimeHttpResponse> HandleAsync(RuntimeWorker worker, RuntimeHttpRequest request, CancellationToken stopping)
    {
        var path = request.Path;
        if (!path.StartsWith(Prefix, StringComparison.Ordinal))
            return NotFound(path);
        var rest = path.AsSpan(Prefix.Length);
        if (rest.SequenceEqual("invocation/next") && request.Method == "GET")
            return await NextAsync(worker, stopping).ConfigureAwait(false);
        if (rest.SequenceEqual("init/error") && request.Method == "POST")
        {
            worker.InitError = ReadError(request, "Runtime.Unknown");
            return new RuntimeHttpResponse(202, Accepted);
        }

        if (rest.StartsWith("invocation/") && request.Method == "POST")
        {
            var tail = rest["invocation/".Length..];
            var slash = tail.IndexOf('/');
            if (slash > 0)
            {
                var id = tail[..slash].ToString();
                var action = tail[(slash + 1)..];
                var current = worker.Current;
                if (current is null || current.RequestId != id)
                    return new RuntimeHttpResponse(400, FunctionProcess.Utf8NoBom.GetBytes($$"""{"errorMessage":"Invalid request ID: {{id}}","errorType":"InvalidRequestID"}"""));
                // The caller gets the result once the 202 is on its way: the worker's next poll then overlaps the caller's work.
                if (action.SequenceEqual("response"))
                {
                    var result = ReadResponse(request.Body);
                    worker.Current = null;
                    return new RuntimeHttpResponse(202, Accepted, AfterWrite: () => current.TryComplete(result));
                }

                if (action.SequenceEqual("error"))
                {
                    var error = LambdaInvocationResult.Failure(ReadError(request, "Unhandled"));
                    worker.Current = null;
                    return new RuntimeHttpResponse(202, Accepted, AfterWrite: () => current.TryComplete(error));
                }
            }
        }

        return NotFound(path);
    }

    private async ValueTask<RuntimeHttpResponse> NextAsync(RuntimeWorker worker, CancellationToken stopping)
    {
        worker.Current = null;
        while (true)
        {
            var pending = await _queue.Reader.ReadAsync(stopping).ConfigureAwait(false);
            if (pending.IsCompleted)
                continue;
            if (stopping.IsCancellationRequested)
            {
                // This worker is going away: leave the invocation to another.
                _queue.Writer.TryWrite(pending);
                stopping.ThrowIfCancellationRequested();
            }

            worker.Current = pending;
            worker.Served = true;
            worker.LogTarget = pending;
            pending.Worker = worker;
            // The function's timeout runs from the moment its worker has the event.
            var timeout = TimeSpan.FromSeconds(_spec.Settings.TimeoutSeconds);
            pending.DeadlineMs = _time.GetUtcNow().Add(timeout).ToUnixTimeMilliseconds();
            pending.Timer?.Change(timeout, Timeout.InfiniteTimeSpan);
            var headers = new List<KeyValuePair<string, string>>(6)
            {
                new("Lambda-Runtime-Aws-Request-Id", pending.RequestId),
                new("Lambda-Runtime-Deadline-Ms", pending.DeadlineMs.ToString(CultureInfo.InvariantCulture)),
                new("Lambda-Runtime-Invoked-Function-Arn", pending.Invocation.InvokedFunctionArn ?? _spec.FunctionArn),
                new("Lambda-Runtime-Trace-Id", TraceId(pending)),
            };
            if (pending.Invocation.ClientContext is { } clientContext)
                headers.Add(new("Lambda-Runtime-Client-Context", FunctionProcess.Utf8NoBom.GetString(TryBase64(clientContext))));
            return new RuntimeHttpResponse(200, pending.Event, headers);
        }
    }

    private static byte[] TryBase64(string text)
    {
        var buffer = new byte[text.Length];
        return Convert.TryFromBase64String(text, buffer, out var n) ? buffer[..n] : FunctionProcess.Utf8NoBom.GetBytes(text);
    }

    /// <summary>X-Ray's form of the caller's trace (W3C ids: the first 8 hex digits of the trace id as the epoch part), else one made from the request id.</summary>
    private string TraceId(RuntimePendingInvocation pending)
    {
        if (pending.CallerSpan is { } span && span.IdFormat == System.Diagnostics.ActivityIdFormat.W3C)
        {
            var trace = span.TraceId.ToHexString();
            return $"Root=1-{trace[..8]}-{trace[8..]};Parent={span.SpanId.ToHexString()};Sampled={(span.Recorded ? 1 : 0)}";
        }

        var requestId = pending.RequestId;
        var hex = new StringBuilder(24);
        foreach (var c in requestId)
        {
            if (hex.Length == 24)
                break;
            if (char.IsAsciiHexDigit(c))
                hex.Append(char.ToLowerInvariant(c));
        }

        hex.Append('0', 24 - hex.Length);
        return $"Root=1-{_time.GetUtcNow().ToUnixTimeSeconds():x8}-{hex};Parent=0000000000000000;Sampled=0";
    }

    private static LambdaInvocationResult ReadResponse(byte[] body)
    {
        if (body.Length == 0)
            return LambdaInvocationResult.Success(JValue.Null);
        try
        {
            return LambdaInvocationResult.Success(JsonText.Parse(body));
        }
        catch (JsonTextException e)
        {
            return LambdaInvocationResult.Failure(LambdaError.Platform("Runtime.InvalidResponse", "The function's response is not JSON: " + e.Message));
        }
    }

    /// <summary>An error the worker posted: <c>{"errorMessage", "errorType", "stackTrace"}</c>, the type also in Lambda-Runtime-Function-Error-Type.</summary>
    private static LambdaError ReadError(RuntimeHttpRequest request, string fallbackType)
    {
        var text = FunctionProcess.Utf8NoBom.GetString(request.Body);
        if (JsonText.TryParse(text, out var parsed, out _) && parsed is JObject error)
        {
            var type = error["errorType"] is JString { Value.Length: > 0 } t ? t.Value : request.ErrorType ?? fallbackType;
            var message = error["errorMessage"] is JString m ? m.Value : string.Empty;
            return LambdaError.FromPrinted(type, message, error, text);
        }

        return LambdaError.Platform(request.ErrorType ?? fallbackType, text);
    }

    private static RuntimeHttpResponse NotFound(string path) =>
        new(404, FunctionProcess.Utf8NoBom.GetBytes($$"""{"errorMessage":"No Runtime API route {{JsonText.Serialize(JString.Create(path)).Trim('"')}}","errorType":"InvalidRoute"}"""));

    public async ValueTask DisposeAsync()
    {
        RuntimeWorker[] workers;
        lock (_lock)
        {
            _disposed = true;
            workers = [.. _workers];
        }

        _queue.Writer.TryComplete();
        foreach (var worker in workers)
        {
            worker.Kill();
            await worker.Listener.DisposeAsync().ConfigureAwait(false);
        }
    }
}
