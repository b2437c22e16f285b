using System.ComponentModel;
using System.Diagnostics;
using System.Text;
using Quickstep.Aws;
using Quickstep.Json;
using Quickstep.Storage;

namespace Quickstep.Services.Glue;

/// <summary>Job runs: each is a local process started without a shell, watched without blocking a thread.</summary>
public sealed partial class GlueService
{
    /// <summary>The longest wait a timer takes (about 49 days); longer Timeouts are capped there.</summary>
    private static readonly TimeSpan MaxWait = TimeSpan.FromMilliseconds(uint.MaxValue - 1);

    private static readonly string[] RunSettings = ["MaxCapacity", "WorkerType", "NumberOfWorkers", "SecurityConfiguration", "NotificationProperty", "ExecutionClass"];

    private readonly Dictionary<string, GlueJobRun> _runs = new(StringComparer.Ordinal);
    private readonly Dictionary<string, RunHandle> _handles = new(StringComparer.Ordinal);
    private readonly HashSet<string> _stored = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stopPolling = new();
    private Task _polling = Task.CompletedTask;
    private bool _disposed;

    /// <summary>Ends every run's process (its state stays as stored: after a restart such a run is FAILED, its process lost).</summary>
    public async ValueTask DisposeAsync()
    {
        List<RunHandle> handles;
        lock (_gate)
        {
            _disposed = true;
            handles = [.. _handles.Values];
        }

        await _stopPolling.CancelAsync().ConfigureAwait(false);
        await _polling.ConfigureAwait(false);
        _stopPolling.Dispose();
        foreach (var h in handles)
            h.Shutdown();
        await Task.WhenAll(handles.Select(h => h.Completion)).ConfigureAwait(false);
    }

    private async Task LoadAsync(IGlueJobStore store, CancellationToken cancellationToken)
    {
        if (_shared)
        {
            // Jobs and other nodes' runs are read on every call; only runs this node (or a dead node) left active end here.
            await FailLostRunsAsync(store, startup: true, cancellationToken).ConfigureAwait(false);
            _polling = Task.Run(() => PollAsync(store, _stopPolling.Token), CancellationToken.None);
            return;
        }

        foreach (var j in await store.LoadJobsAsync(cancellationToken).ConfigureAwait(false))
            _jobs[j.Name] = GlueJob.FromStoredJson(j.Json);
        var lost = new List<GlueJobRun>();
        var now = _time.GetUtcNow();
        foreach (var r in await store.LoadRunsAsync(cancellationToken).ConfigureAwait(false))
        {
            var run = GlueJobRun.FromJson((JObject)JsonText.Parse(r.Json));
            if (GlueJobRunState.IsActive(run.State))
            {
                // The process belonged to the previous server process and is gone: the run cannot have completed here.
                run.ErrorMessage = $"The job run's process was lost: the Quickstep server stopped while the run was {run.State}, so its outcome is unknown.";
                run.State = GlueJobRunState.Failed;
                run.CompletedOn = now;
                run.LastModifiedOn = now;
                run.ExecutionTime = Seconds(now - run.StartedOn);
                lost.Add(run);
            }

            _runs[run.Id] = run;
        }

        foreach (var run in lost)
            await store.SaveRunAsync(Record(run), cancellationToken).ConfigureAwait(false);
    }

    private async ValueTask<JValue> StartJobRunAsync(JObject input, CancellationToken cancellationToken)
    {
        var jobName = RequiredName(input, "JobName");
        if (input["Arguments"] is { } a and not JNull && (a is not JObject args || args.Any(p => p.Value is not JString)))
            throw GlueErrors.InvalidInput("Arguments must be a map of strings to strings.");
        var timeout = Positive(input, "Timeout", 1);
        var previous = AwsInput.String(input, "JobRunId");
        GlueJob? job = null;
        GlueJobRun run;
        var storedActive = 0;
        if (_shared)
        {
            job = await TryGetJobAsync(jobName, cancellationToken).ConfigureAwait(false);
            if (job is not null)
            {
                // Runs of every node count against MaxConcurrentRuns; this node's own are counted from memory below.
                foreach (var r in await _store!.LoadRunsAsync(jobName, cancellationToken).ConfigureAwait(false))
                {
                    if (r.Node != _options.NodeId && GlueJobRunState.IsActive(GlueJobRun.FromJson((JObject)JsonText.Parse(r.Json)).State))
                        storedActive++;
                }

                if (previous is not null && !(await _store.GetRunsAsync([previous], cancellationToken).ConfigureAwait(false)).Any(r => r.JobName == jobName))
                    throw GlueErrors.RunNotFound(previous);
            }
        }

        var handle = new RunHandle();
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            // Glue's answer for a job that does not exist.
            if (!_shared && !_jobs.TryGetValue(jobName, out job))
                job = null;
            if (job is null)
                throw new AwsServiceException("EntityNotFoundException", "Failed to start job run due to missing metadata");
            if (!_shared && previous is not null && (!_runs.TryGetValue(previous, out var p) || p.JobName != jobName))
                throw GlueErrors.RunNotFound(previous);
            var active = storedActive;
            foreach (var r in _runs.Values)
            {
                if (r.JobName == jobName && GlueJobRunState.IsActive(r.State))
                    active++;
            }

            if (active >= job.MaxConcurrentRuns)
                throw GlueErrors.ConcurrentRunsExceeded(jobName);
            var now = _time.GetUtcNow();
            var settings = new JObjectBuilder(8);
            foreach (var member in RunSettings)
            {
                var v = input[member] is { } given and not JNull ? given : job.Definition[member];
                if (v is not null and not JNull)
                    settings.Set(member, v);
            }

            if (job.Definition["GlueVersion"] is JString version)
                settings.Set("GlueVersion", version);
            settings.Set("LogGroupName", JString.Create(job.CommandName == PythonShell ? "/aws-glue/python-jobs" : "/aws-glue/jobs"));
            run = new GlueJobRun
            {
                Id = _options.NewRunId(),
                JobName = jobName,
                PreviousRunId = previous,
                StartedOn = now,
                LastModifiedOn = now,
                State = GlueJobRunState.Starting,
                Arguments = input["Arguments"] as JObject ?? JObject.Empty,
                Timeout = timeout ?? job.Timeout,
                Settings = settings.Build(),
            };
            _runs[run.Id] = run;
            _handles[run.Id] = handle;
        }

        try
        {
            if (_store is not null)
                await _store.SaveRunAsync(Record(run), cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            lock (_gate)
            {
                _runs.Remove(run.Id);
                _handles.Remove(run.Id);
            }

            handle.Dispose();
            throw;
        }

        lock (_gate)
            _stored.Add(run.Id);

        // The run goes on after the request: its process is watched by awaiting its exit, not by a thread.
        handle.Completion = Task.Run(() => RunAsync(run, job, handle), CancellationToken.None);
        return new JObjectBuilder(1).Set("JobRunId", JString.Create(run.Id)).Build();
    }

    private async ValueTask<JValue> GetJobRunAsync(JObject input, CancellationToken cancellationToken)
    {
        var jobName = RequiredName(input, "JobName");
        var runId = AwsInput.String(input, "RunId") ?? throw GlueErrors.Missing("RunId");
        lock (_gate)
        {
            if (_runs.TryGetValue(runId, out var run))
                return run.JobName == jobName ? new JObjectBuilder(1).Set("JobRun", run.ToJson()).Build() : throw GlueErrors.RunNotFound(runId);
            if (!_shared)
                throw GlueErrors.RunNotFound(runId);
        }

        // Another node's run (or one of this node's that ended): as its node last wrote it.
        var stored = (await _store!.GetRunsAsync([runId], cancellationToken).ConfigureAwait(false)).FirstOrDefault(r => r.JobName == jobName)
            ?? throw GlueErrors.RunNotFound(runId);
        return new JObjectBuilder(1).Set("JobRun", FromRecord(stored).ToJson()).Build();
    }

    private async ValueTask<JValue> GetJobRunsAsync(JObject input, CancellationToken cancellationToken)
    {
        var jobName = RequiredName(input, "JobName");
        var limit = PageSize(input, 200);
        var after = Token(input, "GetJobRuns");
        List<GlueJobRun> all;
        if (_shared)
        {
            await FindJobAsync(jobName, cancellationToken).ConfigureAwait(false);
            var stored = await _store!.LoadRunsAsync(jobName, cancellationToken).ConfigureAwait(false);
            lock (_gate)
                all = [.. stored.Select(r => _runs.TryGetValue(r.Id, out var own) ? own : FromRecord(r))];
        }
        else
        {
            lock (_gate)
            {
                if (!_jobs.ContainsKey(jobName))
                    throw GlueErrors.JobNotFound(jobName);
                all = [.. _runs.Values.Where(r => r.JobName == jobName)];
            }
        }

        lock (_gate)
        {
            // Newest first, as Glue lists them.
            all = [.. all.OrderByDescending(r => r.StartedOn).ThenByDescending(r => r.Id, StringComparer.Ordinal)];
            var start = 0;
            if (after is not null)
            {
                var at = all.FindIndex(r => jobName + "/" + r.Id == after);
                if (at < 0)
                    throw GlueErrors.InvalidInput("Invalid pagination token.");
                start = at + 1;
            }

            var page = all.Skip(start).Take(limit).ToList();
            var next = start + limit < all.Count ? MakeToken("GetJobRuns", jobName + "/" + page[^1].Id) : null;
            return Page("JobRuns", JArray.Create(page.Select(r => (JValue)r.ToJson())), next);
        }
    }

    /// <summary>A stored run; one its node was asked to stop and has not yet stopped shows STOPPING.</summary>
    private static GlueJobRun FromRecord(GlueJobRunRecord record)
    {
        var run = GlueJobRun.FromJson((JObject)JsonText.Parse(record.Json));
        if (record.StopRequested && run.State is GlueJobRunState.Starting or GlueJobRunState.Running)
            run.State = GlueJobRunState.Stopping;
        return run;
    }

    private async ValueTask<JValue> BatchStopJobRunAsync(JObject input, CancellationToken cancellationToken)
    {
        var jobName = RequiredName(input, "JobName");
        if (input["JobRunIds"] is not JArray ids)
            throw GlueErrors.Missing("JobRunIds");
        if (ids.Count is 0 or > 25)
            throw GlueErrors.InvalidInput("1 validation error detected: Value at 'jobRunIds' failed to satisfy constraint: Member must have length less than or equal to 25 and greater than or equal to 1");
        var ok = new List<JValue>();
        var errors = new List<JValue>();
        var stop = new List<(GlueJobRun Run, RunHandle Handle)>();
        var elsewhere = new List<string>();
        lock (_gate)
        {
            foreach (var item in ids)
            {
                var id = item is JString s ? s.Value : JsonText.Serialize(item);
                if (!_runs.TryGetValue(id, out var run) || run.JobName != jobName)
                {
                    if (_shared && run is null)
                        elsewhere.Add(id);
                    else
                        errors.Add(StopError(jobName, id, "EntityNotFoundException", $"Job Run with id: {id} not found"));
                }
                else if (run.State is not (GlueJobRunState.Starting or GlueJobRunState.Running) || !_handles.TryGetValue(id, out var handle))
                {
                    errors.Add(StopError(jobName, id, "InvalidInputException", $"Job Run with id: {id} cannot be stopped: it is {run.State}."));
                }
                else
                {
                    run.State = GlueJobRunState.Stopping;
                    run.LastModifiedOn = _time.GetUtcNow();
                    stop.Add((run, handle));
                    ok.Add(Stopped(jobName, id));
                }
            }
        }

        if (elsewhere.Count > 0)
        {
            // Runs of other nodes: their node polls the stop request and ends the process.
            var stored = (await _store!.GetRunsAsync(elsewhere, cancellationToken).ConfigureAwait(false)).ToDictionary(r => r.Id, StringComparer.Ordinal);
            foreach (var id in elsewhere)
            {
                if (!stored.TryGetValue(id, out var record) || record.JobName != jobName)
                    errors.Add(StopError(jobName, id, "EntityNotFoundException", $"Job Run with id: {id} not found"));
                else if (FromRecord(record).State is var state && state is not (GlueJobRunState.Starting or GlueJobRunState.Running or GlueJobRunState.Stopping))
                    errors.Add(StopError(jobName, id, "InvalidInputException", $"Job Run with id: {id} cannot be stopped: it is {state}."));
                else if (await _store.RequestStopAsync(id, cancellationToken).ConfigureAwait(false))
                    ok.Add(Stopped(jobName, id));
                else
                    errors.Add(StopError(jobName, id, "EntityNotFoundException", $"Job Run with id: {id} not found"));
            }
        }

        foreach (var (run, handle) in stop)
        {
            await SaveAsync(run).ConfigureAwait(false);
            handle.Stop();
        }

        return new JObjectBuilder(2).Set("SuccessfulSubmissions", JArray.Create(ok)).Set("Errors", JArray.Create(errors)).Build();
    }

    private static JObject Stopped(string jobName, string id) =>
        new JObjectBuilder(2).Set("JobName", JString.Create(jobName)).Set("JobRunId", JString.Create(id)).Build();

    private static JObject StopError(string jobName, string id, string code, string message) =>
        new JObjectBuilder(3)
            .Set("JobName", JString.Create(jobName))
            .Set("JobRunId", JString.Create(id))
            .Set("ErrorDetail", new JObjectBuilder(2).Set("ErrorCode", JString.Create(code)).Set("ErrorMessage", JString.Create(message)).Build())
            .Build();

#pragma warning disable CA1031 // a run's failure of any kind is recorded as the run's state, never thrown into the void.
    private async Task RunAsync(GlueJobRun run, GlueJob job, RunHandle handle)
    {
        try
        {
            var dir = Path.Combine(_options.RunsDirectory, run.Id);
            Directory.CreateDirectory(dir);
            var script = await FetchScriptAsync(job, dir, handle.Token).ConfigureAwait(false);
            if (script.Error is not null)
            {
                await FinishAsync(run, handle, GlueJobRunState.Failed, script.Error).ConfigureAwait(false);
                return;
            }

            await RunProcessAsync(run, job, handle, dir, script.Path!).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (handle.Token.IsCancellationRequested)
        {
            await FinishAsync(run, handle, GlueJobRunState.Stopped, null).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            await FinishAsync(run, handle, GlueJobRunState.Error, "Quickstep could not run the job: " + e.Message).ConfigureAwait(false);
        }
        finally
        {
            lock (_gate)
            {
                _handles.Remove(run.Id);
                _stored.Remove(run.Id);
                if (_shared)
                    _runs.Remove(run.Id); // its final state is in the store, where every node reads it.
            }

            handle.Dispose();
        }
    }
#pragma warning restore CA1031

    private async Task RunProcessAsync(GlueJobRun run, GlueJob job, RunHandle handle, string dir, string script)
    {
        var spark = job.CommandName == GlueEtl;
        var command = spark ? _options.SparkSubmitCommand : _options.PythonCommand;
        var start = new ProcessStartInfo(command)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            WorkingDirectory = dir,
        };
        start.ArgumentList.Add(script);
        foreach (var arg in Argv(run, job))
            start.ArgumentList.Add(arg);
        Process? process;
        try
        {
            process = Process.Start(start);
        }
        catch (Win32Exception e)
        {
            var what = spark
                ? $"glueetl jobs run with '{command}', which is not installed or not on PATH ({e.Message}); install Apache Spark or use a pythonshell job."
                : $"pythonshell jobs run with '{command}', which could not be started ({e.Message}).";
            await FinishAsync(run, handle, GlueJobRunState.Error, what).ConfigureAwait(false);
            return;
        }

        if (process is null)
        {
            await FinishAsync(run, handle, GlueJobRunState.Error, $"'{command}' could not be started.").ConfigureAwait(false);
            return;
        }

        using (process)
        {
            process.StandardInput.Close();
            var stdoutPath = Path.Combine(dir, "stdout");
            var stderrPath = Path.Combine(dir, "stderr");
            var copies = Task.WhenAll(CopyAsync(process.StandardOutput.BaseStream, stdoutPath), CopyAsync(process.StandardError.BaseStream, stderrPath));
            lock (_gate)
            {
                if (run.State == GlueJobRunState.Starting)
                {
                    run.State = GlueJobRunState.Running;
                    run.LastModifiedOn = _time.GetUtcNow();
                }
            }

            await SaveAsync(run).ConfigureAwait(false);
            var limit = TimeSpan.FromTicks(Math.Min(_options.TimeoutUnit.Ticks * run.Timeout, MaxWait.Ticks));
            string state;
            string? error = null;
            try
            {
                await process.WaitForExitAsync(handle.Token).WaitAsync(limit, _time).ConfigureAwait(false);
                state = process.ExitCode == 0 ? GlueJobRunState.Succeeded : GlueJobRunState.Failed;
            }
            catch (TimeoutException)
            {
                Kill(process);
                state = GlueJobRunState.Timeout;
                error = $"Job run timed out after {run.Timeout} minute{(run.Timeout == 1 ? string.Empty : "s")} (the job's Timeout).";
            }
            catch (OperationCanceledException)
            {
                Kill(process);
                state = GlueJobRunState.Stopped;
            }

            await copies.ConfigureAwait(false);
            if (state == GlueJobRunState.Failed)
                error = Tail(stderrPath) ?? $"{command} exited with code {process.ExitCode}.";
            await FinishAsync(run, handle, state, error).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// The script's arguments as Glue passes them: every <c>--key value</c> of DefaultArguments, overridden by the run's
    /// Arguments, then NonOverridableArguments, then Glue's own <c>--JOB_ID</c>, <c>--JOB_RUN_ID</c> and <c>--JOB_NAME</c>.
    /// </summary>
    internal static List<string> Argv(GlueJobRun run, GlueJob job)
    {
        var merged = new Dictionary<string, string>(StringComparer.Ordinal);
        var order = new List<string>();
        foreach (var map in (JObject[])[job.Map("DefaultArguments"), run.Arguments, job.Map("NonOverridableArguments")])
        {
            foreach (var (k, v) in map)
            {
                if (!merged.ContainsKey(k))
                    order.Add(k);
                merged[k] = ((JString)v).Value;
            }
        }

        var argv = new List<string>(order.Count * 2 + 6);
        foreach (var k in order)
        {
            if (k is "--JOB_ID" or "--JOB_RUN_ID" or "--JOB_NAME")
                continue;
            argv.Add(k);
            argv.Add(merged[k]);
        }

        argv.AddRange(["--JOB_ID", "j_" + run.Id.AsSpan(Math.Min(3, run.Id.Length)).ToString(), "--JOB_RUN_ID", run.Id, "--JOB_NAME", run.JobName]);
        return argv;
    }

    private async Task<(string? Path, string? Error)> FetchScriptAsync(GlueJob job, string dir, CancellationToken cancellationToken)
    {
        var location = job.ScriptLocation;
        if (ScriptLocator.S3(location) is { } s3)
        {
            if (_options.OpenS3Object is not { } open)
                return (null, $"Cannot read the script {location}: no S3 service is available to this Glue service.");
            var name = Path.GetFileName(s3.Key);
            var target = Path.Combine(dir, name.Length == 0 ? "script.py" : name);
            try
            {
                var source = await open(s3.Bucket, s3.Key, cancellationToken).ConfigureAwait(false);
                await using (source.ConfigureAwait(false))
                {
                    var file = File.Create(target);
                    await using (file.ConfigureAwait(false))
                        await source.CopyToAsync(file, cancellationToken).ConfigureAwait(false);
                }
            }
            catch (AwsServiceException e)
            {
                return (null, $"Cannot read the script {location}: {e.Code}: {e.Message}");
            }

            return (target, null);
        }

        if (ScriptLocator.Local(location, _options.ScriptRoots) is not { } path)
            return (null, ScriptLocator.Check(location, _options.ScriptRoots) ?? $"ScriptLocation '{location}' cannot be used.");
        return File.Exists(path) ? (path, null) : (null, $"Cannot read the script {location}: the file {path} does not exist.");
    }

    private async Task FinishAsync(GlueJobRun run, RunHandle handle, string state, string? error)
    {
        // A run ended by DeleteJob is gone; one ended by the server stopping keeps its stored state (FAILED, lost, after a restart).
        if (handle.End is RunEnd.Deleted or RunEnd.Shutdown)
            return;
        if (handle.End == RunEnd.Stopped)
            state = GlueJobRunState.Stopped;
        lock (_gate)
        {
            var now = _time.GetUtcNow();
            run.State = state;
            run.ErrorMessage = state == GlueJobRunState.Stopped ? null : error;
            run.CompletedOn = now;
            run.LastModifiedOn = now;
            run.ExecutionTime = Seconds(now - run.StartedOn);
        }

        await SaveAsync(run).ConfigureAwait(false);
    }

#pragma warning disable CA1031 // a store failure after the answer was given (the store closing at shutdown) must not crash the process.
    private async Task SaveAsync(GlueJobRun run)
    {
        if (_store is null)
            return;
        GlueJobRunRecord record;
        lock (_gate)
        {
            if (!_runs.ContainsKey(run.Id))
                return;
            record = Record(run);
        }

        try
        {
            await _store.SaveRunAsync(record).ConfigureAwait(false);
        }
        catch (Exception)
        {
            // The in-memory state stays right; after a restart the run is reported as lost.
        }
    }
#pragma warning restore CA1031

    private GlueJobRunRecord Record(GlueJobRun run) =>
        new(run.Id, run.JobName, run.StartedOn.ToUnixTimeMilliseconds(), JsonText.Serialize(run.ToJson())) { Node = _shared ? _options.NodeId : null };

    private static int Seconds(TimeSpan t) => (int)Math.Max(0, Math.Round(t.TotalSeconds));

    private static async Task CopyAsync(Stream source, string path)
    {
        // Unbuffered and shared for reading, so that the output can be followed while the run goes on.
        var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.Read, bufferSize: 1, useAsync: true);
        await using (file.ConfigureAwait(false))
            await source.CopyToAsync(file).ConfigureAwait(false);
    }

    private static void Kill(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // It exited meanwhile.
        }
    }

    /// <summary>The last lines of a run's stderr (at most 2,048 characters), or null when it wrote nothing.</summary>
    private static string? Tail(string path)
    {
        const int Max = 2048;
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        var length = (int)Math.Min(file.Length, Max * 4);
        if (length == 0)
            return null;
        file.Seek(-length, SeekOrigin.End);
        var bytes = new byte[length];
        file.ReadExactly(bytes);
        var text = Encoding.UTF8.GetString(bytes).TrimEnd();
        if (text.Length > Max)
        {
            text = text[^Max..];
            var newline = text.IndexOf('\n', StringComparison.Ordinal);
            if (newline >= 0 && newline < text.Length - 1)
                text = text[(newline + 1)..];
        }

        return text.Length == 0 ? null : text;
    }
}
