using System.Text;
using Quickstep.Aws;
using Quickstep.Json;
using Quickstep.Storage;

namespace Quickstep.Services.Glue;

/// <summary>
/// AWS Glue's jobs, independent of the wire: CreateJob, GetJob, GetJobs, ListJobs, UpdateJob, DeleteJob, and job runs
/// (StartJobRun, GetJobRun, GetJobRuns, BatchStopJobRun) that are local processes: <c>python3</c> for pythonshell
/// jobs, <c>spark-submit</c> for glueetl jobs. Jobs and runs are kept in memory and recorded in an
/// <see cref="IGlueJobStore"/>; time comes only from <see cref="GlueServiceOptions.TimeProvider"/>.
/// </summary>
public sealed partial class GlueService : IAwsService, IAsyncDisposable
{
    internal const string PythonShell = "pythonshell";
    internal const string GlueEtl = "glueetl";

    /// <summary>Glue's default Timeout for batch jobs: 2,880 minutes (48 hours).</summary>
    internal const int DefaultTimeoutMinutes = 2880;

    private const int DefaultPageSize = 100;

    private readonly GlueServiceOptions _options;
    private readonly TimeProvider _time;
    private readonly IGlueJobStore? _store;
    private readonly Lock _gate = new();
    private readonly SortedDictionary<string, GlueJob> _jobs = new(StringComparer.Ordinal);

    /// <summary>Other nodes share the store: jobs are never cached and only this node's active runs are held here.</summary>
    private readonly bool _shared;

    private GlueService(GlueServiceOptions options)
    {
        _options = options;
        _time = options.TimeProvider;
        _store = options.Store;
        _shared = options.Shared && options.Store is not null;
    }

    public string SigningName => "glue";

    /// <summary>Creates the service and loads its jobs and runs from the store; runs whose process was lost end FAILED.</summary>
    public static async Task<GlueService> CreateAsync(GlueServiceOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var service = new GlueService(options);
        if (options.Store is { } store)
            await service.LoadAsync(store, cancellationToken).ConfigureAwait(false);
        return service;
    }

    public ValueTask<JValue> InvokeAsync(string operation, JObject input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(operation);
        ArgumentNullException.ThrowIfNull(input);
        return operation switch
        {
            "CreateJob" => CreateJobAsync(input, cancellationToken),
            "GetJob" => GetJobAsync(input, cancellationToken),
            "GetJobs" => GetJobsAsync(input, cancellationToken),
            "ListJobs" => ListJobsAsync(input, cancellationToken),
            "UpdateJob" => UpdateJobAsync(input, cancellationToken),
            "DeleteJob" => DeleteJobAsync(input, cancellationToken),
            "StartJobRun" => StartJobRunAsync(input, cancellationToken),
            "GetJobRun" => GetJobRunAsync(input, cancellationToken),
            "GetJobRuns" => GetJobRunsAsync(input, cancellationToken),
            "BatchStopJobRun" => BatchStopJobRunAsync(input, cancellationToken),
            _ => throw GlueErrors.UnknownOperation(operation),
        };
    }

    internal static JNumber Epoch(DateTimeOffset t) => JValue.FromNumber(t.ToUnixTimeMilliseconds() / 1000.0);

    internal static DateTimeOffset FromEpoch(JValue? v) =>
        v is JNumber n ? DateTimeOffset.FromUnixTimeMilliseconds((long)Math.Round(n.Value * 1000)) : DateTimeOffset.UnixEpoch;

    private async ValueTask<JValue> CreateJobAsync(JObject input, CancellationToken cancellationToken)
    {
        var name = RequiredName(input, "Name");
        var definition = Definition(input, "Name");
        var tags = AwsInput.StringMap(input, "Tags");
        var now = _time.GetUtcNow();
        var job = new GlueJob(name, definition, tags, now, now);
        if (_shared)
        {
            if (!await _store!.TryCreateJobAsync(new GlueJobRecord(name, job.ToStoredJson()), cancellationToken).ConfigureAwait(false))
                throw GlueErrors.AlreadyExists(name);
            return new JObjectBuilder(1).Set("Name", JString.Create(name)).Build();
        }

        lock (_gate)
        {
            if (!_jobs.TryAdd(name, job))
                throw GlueErrors.AlreadyExists(name);
        }

        try
        {
            if (_store is not null)
                await _store.SaveJobAsync(new GlueJobRecord(name, job.ToStoredJson()), cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            lock (_gate)
                _jobs.Remove(name);
            throw;
        }

        return new JObjectBuilder(1).Set("Name", JString.Create(name)).Build();
    }

    private async ValueTask<JValue> UpdateJobAsync(JObject input, CancellationToken cancellationToken)
    {
        var name = RequiredName(input, "JobName");
        if (input["JobUpdate"] is not JObject update)
            throw GlueErrors.Missing("JobUpdate");
        var definition = Definition(update, null);
        GlueJob job;
        if (_shared)
        {
            var stored = await FindJobAsync(name, cancellationToken).ConfigureAwait(false);
            job = new GlueJob(name, definition, stored.Tags, stored.CreatedOn, _time.GetUtcNow());
            await _store!.SaveJobAsync(new GlueJobRecord(name, job.ToStoredJson()), cancellationToken).ConfigureAwait(false);
            return new JObjectBuilder(1).Set("JobName", JString.Create(name)).Build();
        }

        lock (_gate)
        {
            if (!_jobs.TryGetValue(name, out var old))
                throw GlueErrors.JobNotFound(name);
            // JobUpdate replaces the whole definition (the API reference: "The previous job definition is completely overwritten").
            job = new GlueJob(name, definition, old.Tags, old.CreatedOn, _time.GetUtcNow());
            _jobs[name] = job;
        }

        if (_store is not null)
            await _store.SaveJobAsync(new GlueJobRecord(name, job.ToStoredJson()), cancellationToken).ConfigureAwait(false);
        return new JObjectBuilder(1).Set("JobName", JString.Create(name)).Build();
    }

    private async ValueTask<JValue> DeleteJobAsync(JObject input, CancellationToken cancellationToken)
    {
        var name = RequiredName(input, "JobName");
        List<RunHandle> stop = [];
        lock (_gate)
        {
            // Deleting a job that does not exist is not an error (the API reference: "no exception is thrown").
            if (_jobs.Remove(name) || _shared)
            {
                foreach (var (id, run) in _runs.Where(r => r.Value.JobName == name).ToList())
                {
                    _runs.Remove(id);
                    if (_handles.TryGetValue(id, out var handle))
                        stop.Add(handle);
                }
            }
        }

        foreach (var handle in stop)
            handle.Delete();
        if (_store is not null)
            await _store.DeleteJobAsync(name, cancellationToken).ConfigureAwait(false);
        return new JObjectBuilder(1).Set("JobName", JString.Create(name)).Build();
    }

    private async ValueTask<JValue> GetJobAsync(JObject input, CancellationToken cancellationToken)
    {
        var name = RequiredName(input, "JobName");
        return new JObjectBuilder(1).Set("Job", (await FindJobAsync(name, cancellationToken).ConfigureAwait(false)).ToJson()).Build();
    }

    private async ValueTask<JValue> GetJobsAsync(JObject input, CancellationToken cancellationToken)
    {
        var (page, next) = await JobPageAsync(input, "GetJobs", null, cancellationToken).ConfigureAwait(false);
        return Page("Jobs", JArray.Create(page.Select(j => (JValue)j.ToJson())), next);
    }

    private async ValueTask<JValue> ListJobsAsync(JObject input, CancellationToken cancellationToken)
    {
        var tags = AwsInput.StringMap(input, "Tags");
        var (page, next) = await JobPageAsync(input, "ListJobs", j => tags.All(t => j.Tags.TryGetValue(t.Key, out var v) && v == t.Value), cancellationToken).ConfigureAwait(false);
        return Page("JobNames", JArray.Create(page.Select(j => (JValue)JString.Create(j.Name))), next);
    }

    private async Task<(List<GlueJob> Page, string? Next)> JobPageAsync(JObject input, string operation, Func<GlueJob, bool>? filter, CancellationToken cancellationToken)
    {
        var limit = PageSize(input, 1000);
        var after = Token(input, operation);
        List<GlueJob> jobs;
        if (_shared)
        {
            jobs = [.. (await _store!.LoadJobsAsync(cancellationToken).ConfigureAwait(false)).Select(j => GlueJob.FromStoredJson(j.Json)).OrderBy(j => j.Name, StringComparer.Ordinal)];
        }
        else
        {
            lock (_gate)
                jobs = [.. _jobs.Values];
        }

        var all = jobs.Where(j => (after is null || string.CompareOrdinal(j.Name, after) > 0) && (filter is null || filter(j))).Take(limit + 1).ToList();
        if (all.Count <= limit)
            return (all, null);
        all.RemoveAt(limit);
        return (all, MakeToken(operation, all[^1].Name));
    }

    /// <summary>The job (from the store when it is shared), or EntityNotFoundException.</summary>
    private async ValueTask<GlueJob> FindJobAsync(string name, CancellationToken cancellationToken) =>
        await TryGetJobAsync(name, cancellationToken).ConfigureAwait(false) ?? throw GlueErrors.JobNotFound(name);

    private async ValueTask<GlueJob?> TryGetJobAsync(string name, CancellationToken cancellationToken)
    {
        if (_shared)
            return await _store!.GetJobAsync(name, cancellationToken).ConfigureAwait(false) is { } stored ? GlueJob.FromStoredJson(stored.Json) : null;
        lock (_gate)
            return _jobs.GetValueOrDefault(name);
    }

    private static JObject Page(string member, JArray items, string? next)
    {
        var b = new JObjectBuilder(2).Set(member, items);
        if (next is not null)
            b.Set("NextToken", JString.Create(next));
        return b.Build();
    }

    private static int PageSize(JObject input, int max)
    {
        if (input["MaxResults"] is null or JNull)
            return DefaultPageSize;
        var n = AwsInput.Int(input, "MaxResults");
        if (n is null || n < 1 || n > max)
            throw GlueErrors.InvalidInput($"1 validation error detected: Value '{AwsInput.String(input, "MaxResults")}' at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to {max} and greater than or equal to 1");
        return n.Value;
    }

    /// <summary>A NextToken names the operation that made it, so that a token from another listing is refused.</summary>
    private static string? Token(JObject input, string operation)
    {
        if (AwsInput.String(input, "NextToken") is not { Length: > 0 } token)
            return null;
        try
        {
            var text = Encoding.UTF8.GetString(Convert.FromBase64String(token));
            if (text.StartsWith(operation + ":", StringComparison.Ordinal))
                return text[(operation.Length + 1)..];
        }
        catch (FormatException)
        {
        }

        throw GlueErrors.InvalidInput("Invalid pagination token.");
    }

    private static string MakeToken(string operation, string position) => Convert.ToBase64String(Encoding.UTF8.GetBytes(operation + ":" + position));

    private static string RequiredName(JObject input, string member)
    {
        var name = AwsInput.String(input, member) ?? throw GlueErrors.Missing(member);
        if (name.Length is 0 or > 255 || name.Any(c => c is '\n' or '\r'))
            throw GlueErrors.InvalidInput($"1 validation error detected: Value '{name}' at '{char.ToLowerInvariant(member[0]) + member[1..]}' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\u0020-\\uD7FF\\uE000-\\uFFFD\\uD800\\uDC00-\\uDBFF\\uDFFF\\t]* and have length between 1 and 255");
        return name;
    }

    /// <summary>The Job shape's members from CreateJob's input or a JobUpdate, checked, with Glue's defaults.</summary>
    private JObject Definition(JObject input, string? skip)
    {
        if (AwsInput.String(input, "Role") is not { Length: > 0 })
            throw GlueErrors.Missing("Role");
        if (input["Command"] is not JObject command)
            throw GlueErrors.Missing("Command");
        var kind = AwsInput.String(command, "Name") ?? GlueEtl;
        if (kind is not (PythonShell or GlueEtl))
            throw GlueErrors.InvalidInput($"Command.Name '{kind}' is not supported by Quickstep: jobs run as 'pythonshell' (python3) or 'glueetl' (spark-submit).");
        var location = AwsInput.String(command, "ScriptLocation");
        if (string.IsNullOrEmpty(location))
            throw GlueErrors.InvalidInput("Command.ScriptLocation is required: an s3://bucket/key object or a local path under one of the configured glue.scriptRoots.");
        if (ScriptLocator.Check(location, _options.ScriptRoots) is { } problem)
            throw GlueErrors.InvalidInput(problem);
        foreach (var map in (string[])["DefaultArguments", "NonOverridableArguments", "Tags"])
        {
            if (input[map] is { } m and not JNull && (m is not JObject o || o.Any(p => p.Value is not JString)))
                throw GlueErrors.InvalidInput($"{map} must be a map of strings to strings.");
        }

        var timeout = Positive(input, "Timeout", 1);
        var maxRetries = Positive(input, "MaxRetries", 0);
        if (input["ExecutionProperty"] is JObject ep)
            Positive(ep, "MaxConcurrentRuns", 0);

        var b = new JObjectBuilder(input.Count + 6).Set("JobMode", JString.Create(AwsInput.String(input, "JobMode") ?? "SCRIPT"));
        foreach (var (k, v) in input)
        {
            if (k == skip || k is "Tags" or "JobMode" || v is JNull)
                continue;
            b.Set(k, k == "Command" ? command.With("Name", JString.Create(kind)) : v);
        }

        if (!b.ContainsKey("ExecutionProperty"))
            b.Set("ExecutionProperty", new JObjectBuilder(1).Set("MaxConcurrentRuns", JNumber.Create(1)).Build());
        if (maxRetries is null)
            b.Set("MaxRetries", JNumber.Create(0));
        if (timeout is null)
            b.Set("Timeout", JNumber.Create(DefaultTimeoutMinutes));
        if (!b.ContainsKey("MaxCapacity") && !b.ContainsKey("WorkerType"))
            b.Set("MaxCapacity", JValue.FromNumber(kind == PythonShell ? 0.0625 : 10.0));
        return b.Build();
    }

    private static int? Positive(JObject input, string member, int min)
    {
        if (input[member] is null or JNull)
            return null;
        if (input[member] is not JNumber n || !n.TryGetInt32(out var v) || v < min)
            throw GlueErrors.InvalidInput($"1 validation error detected: Value '{AwsInput.String(input, member)}' at '{char.ToLowerInvariant(member[0]) + member[1..]}' failed to satisfy constraint: Member must have value greater than or equal to {min}");
        return v;
    }
}
