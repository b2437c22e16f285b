using Quickstep.Aws;
using Quickstep.Json;
using Quickstep.Storage;

namespace Quickstep.Services.Pipes;

/// <summary>
/// EventBridge Pipes (signing name <c>pipes</c>) with SQS queues as sources. State changes take effect at once:
/// the operations answer with AWS's transitional CurrentState (CREATING, UPDATING, STARTING, STOPPING, DELETING)
/// and DescribePipe then shows the settled one (RUNNING, STOPPED).
/// </summary>
public sealed class PipesService : IAwsService, IAsyncDisposable
{
    private readonly IPipeStore _store;
    private readonly PipesOptions _options;
    private readonly PipeRunner _runner;

    public PipesService(IPipeStore store, PipesOptions options)
    {
        _store = store ?? throw new ArgumentNullException(nameof(store));
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _runner = new PipeRunner(options);
    }

    public string SigningName => "pipes";

    /// <summary>Records handed to targets so far.</summary>
    public long Processed => _runner.Processed;

    public Task InitializeAsync(CancellationToken cancellationToken = default) => _store.InitializeAsync(cancellationToken);

    /// <summary>Starts polling for every pipe whose desired state is RUNNING.</summary>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        foreach (var pipe in await _store.ListPipesAsync(cancellationToken).ConfigureAwait(false))
        {
            if (pipe.DesiredState == "RUNNING")
                _runner.Start(PipeDefinition.Read(WithName(pipe), null), pipe.Arn, pipe.Json);
        }
    }

    /// <summary>
    /// Brings this node's pollers in line with the stored pipes: those created, changed, started, stopped or deleted
    /// through another node sharing the store start, restart or stop here too (the host calls it every second).
    /// </summary>
    public async Task SyncAsync(CancellationToken cancellationToken = default)
    {
        var generation = _runner.Generation;
        var stored = await _store.ListPipesAsync(cancellationToken).ConfigureAwait(false);
        var running = _runner.Pipes.ToDictionary(p => p.Name, p => p.Version, StringComparer.Ordinal);
        var wanted = new HashSet<string>(StringComparer.Ordinal);
        foreach (var pipe in stored)
        {
            if (pipe.DesiredState != "RUNNING")
                continue;
            wanted.Add(pipe.Name);
            if (!running.TryGetValue(pipe.Name, out var version) || version != pipe.Json)
            {
                try
                {
                    _runner.Start(PipeDefinition.Read(WithName(pipe), null), pipe.Arn, pipe.Json);
                }
                catch (AwsServiceException e)
                {
                    _options.OnError?.Invoke(pipe.Name, e);
                }
            }
        }

        // A pipe started here after the look began may not be in what was read: only older ones stop.
        foreach (var name in running.Keys)
        {
            if (!wanted.Contains(name))
                _runner.StopIfOlder(name, generation);
        }
    }

    public async ValueTask<JValue> InvokeAsync(string operation, JObject input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        return operation switch
        {
            "CreatePipe" => await CreateAsync(input, cancellationToken).ConfigureAwait(false),
            "DescribePipe" => await DescribeAsync(input, cancellationToken).ConfigureAwait(false),
            "UpdatePipe" => await UpdateAsync(input, cancellationToken).ConfigureAwait(false),
            "DeletePipe" => await DeleteAsync(input, cancellationToken).ConfigureAwait(false),
            "ListPipes" => await ListAsync(input, cancellationToken).ConfigureAwait(false),
            "StartPipe" => await SetStateAsync(input, "RUNNING", cancellationToken).ConfigureAwait(false),
            "StopPipe" => await SetStateAsync(input, "STOPPED", cancellationToken).ConfigureAwait(false),
            _ => throw new AwsServiceException("UnknownOperationException", $"Unknown operation: '{operation}'.", 404),
        };
    }

    public ValueTask DisposeAsync() => _runner.DisposeAsync();

    private string Arn(string name) => $"arn:aws:pipes:{_options.Region}:{_options.AccountId}:pipe/{name}";

    private async Task<JValue> CreateAsync(JObject input, CancellationToken ct)
    {
        var definition = PipeDefinition.Read(input, null);
        var now = _options.TimeProvider.GetUtcNow();
        var record = Record(definition, now, now);
        if (!await _store.TryCreatePipeAsync(record, ct).ConfigureAwait(false))
            throw PipesErrors.Conflict(definition.Name);
        if (definition.DesiredState == "RUNNING")
            _runner.Start(definition, record.Arn, record.Json);
        return Summary(record, "CREATING");
    }

    private async Task<JValue> UpdateAsync(JObject input, CancellationToken ct)
    {
        var name = Name(input);
        var existing = await _store.GetPipeAsync(name, ct).ConfigureAwait(false) ?? throw PipesErrors.NotFound(name);
        var definition = PipeDefinition.Read(input, (JObject)JsonText.Parse(existing.Json));
        var record = Record(definition, existing.CreationTime, _options.TimeProvider.GetUtcNow());
        if (!await _store.UpdatePipeAsync(record, ct).ConfigureAwait(false))
            throw PipesErrors.NotFound(name);
        if (definition.DesiredState == "RUNNING")
            _runner.Start(definition, record.Arn, record.Json);
        else
            _runner.Stop(name);
        return Summary(record, "UPDATING");
    }

    private async Task<JValue> SetStateAsync(JObject input, string desired, CancellationToken ct)
    {
        var name = Name(input);
        var existing = await _store.GetPipeAsync(name, ct).ConfigureAwait(false) ?? throw PipesErrors.NotFound(name);
        var document = ((JObject)JsonText.Parse(existing.Json)).With("DesiredState", JString.Create(desired));
        var record = existing with { DesiredState = desired, Json = document.ToJson(), LastModifiedTime = _options.TimeProvider.GetUtcNow() };
        await _store.UpdatePipeAsync(record, ct).ConfigureAwait(false);
        if (desired == "RUNNING")
            _runner.Start(PipeDefinition.Read(WithName(record), null), record.Arn, record.Json);
        else
            _runner.Stop(name);
        return Summary(record, desired == "RUNNING" ? "STARTING" : "STOPPING");
    }

    private async Task<JValue> DeleteAsync(JObject input, CancellationToken ct)
    {
        var name = Name(input);
        var existing = await _store.GetPipeAsync(name, ct).ConfigureAwait(false) ?? throw PipesErrors.NotFound(name);
        _runner.Stop(name);
        await _store.DeletePipeAsync(name, ct).ConfigureAwait(false);
        return Summary(existing, "DELETING");
    }

    private async Task<JValue> DescribeAsync(JObject input, CancellationToken ct)
    {
        var name = Name(input);
        var record = await _store.GetPipeAsync(name, ct).ConfigureAwait(false) ?? throw PipesErrors.NotFound(name);
        var document = (JObject)JsonText.Parse(record.Json);
        var members = new List<KeyValuePair<string, JValue>>
        {
            new("Arn", JString.Create(record.Arn)),
            new("Name", JString.Create(record.Name)),
            new("DesiredState", JString.Create(record.DesiredState)),
            new("CurrentState", JString.Create(record.DesiredState)),
        };
        foreach (var member in document)
        {
            if (member.Key is not ("DesiredState" or "Name"))
                members.Add(member);
        }

        members.Add(new("Tags", document["Tags"] ?? JObject.Empty));
        members.Add(new("CreationTime", Seconds(record.CreationTime)));
        members.Add(new("LastModifiedTime", Seconds(record.LastModifiedTime)));
        return JObject.Create(members.GroupBy(m => m.Key, StringComparer.Ordinal).Select(g => g.First()));
    }

    private async Task<JValue> ListAsync(JObject input, CancellationToken ct)
    {
        var prefix = Str(input, "NamePrefix") ?? string.Empty;
        var sourcePrefix = Str(input, "SourcePrefix") ?? string.Empty;
        var targetPrefix = Str(input, "TargetPrefix") ?? string.Empty;
        var desired = Str(input, "DesiredState");
        var current = Str(input, "CurrentState");
        var limit = input["Limit"] switch
        {
            JNumber n when n.TryGetInt32(out var l) => l,
            JString s when int.TryParse(s.Value, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var l) => l,
            null or JNull => 100,
            var other => throw PipesErrors.Validation($"1 validation error detected: Value '{other}' at 'limit' failed to satisfy constraint: Member must be an integer between 1 and 100"),
        };
        if (limit is < 1 or > 100)
            throw PipesErrors.Validation($"1 validation error detected: Value '{limit}' at 'limit' failed to satisfy constraint: Member must have value between 1 and 100");
        var after = Str(input, "NextToken") is { } token ? PipesPaging.After(token) : null;
        var all = (await _store.ListPipesAsync(ct).ConfigureAwait(false))
            .Where(p => p.Name.StartsWith(prefix, StringComparison.Ordinal) && p.Source.StartsWith(sourcePrefix, StringComparison.Ordinal)
                && p.Target.StartsWith(targetPrefix, StringComparison.Ordinal) && (desired is null || p.DesiredState == desired) && (current is null || p.DesiredState == current)
                && (after is null || string.CompareOrdinal(p.Name, after) > 0))
            .ToList();
        var page = all.Take(limit).Select(p =>
        {
            var doc = (JObject)JsonText.Parse(p.Json);
            var members = new List<KeyValuePair<string, JValue>>
            {
                new("Name", JString.Create(p.Name)),
                new("Arn", JString.Create(p.Arn)),
                new("DesiredState", JString.Create(p.DesiredState)),
                new("CurrentState", JString.Create(p.DesiredState)),
                new("CreationTime", Seconds(p.CreationTime)),
                new("LastModifiedTime", Seconds(p.LastModifiedTime)),
                new("Source", JString.Create(p.Source)),
                new("Target", JString.Create(p.Target)),
            };
            if (doc["Enrichment"] is JString e && e.Value.Length > 0)
                members.Add(new("Enrichment", e));
            return (JValue)JObject.Create(members);
        }).ToArray();
        var result = JObject.Create([new("Pipes", JArray.Own(page))]);
        return all.Count > limit ? result.With("NextToken", JString.Create(PipesPaging.Token(all[limit - 1].Name))) : result;
    }

    private PipeRecord Record(PipeDefinition d, DateTimeOffset created, DateTimeOffset modified) => new()
    {
        Name = d.Name,
        Arn = Arn(d.Name),
        DesiredState = d.DesiredState,
        Source = d.Source,
        Target = d.Target,
        Json = d.Document.With("DesiredState", JString.Create(d.DesiredState)).ToJson(),
        CreationTime = created,
        LastModifiedTime = modified,
    };

    private static JObject WithName(PipeRecord record) => ((JObject)JsonText.Parse(record.Json)).With("Name", JString.Create(record.Name));

    private static JObject Summary(PipeRecord r, string currentState) => JObject.Create(
    [
        new("Arn", JString.Create(r.Arn)),
        new("Name", JString.Create(r.Name)),
        new("DesiredState", JString.Create(r.DesiredState)),
        new("CurrentState", JString.Create(currentState)),
        new("CreationTime", Seconds(r.CreationTime)),
        new("LastModifiedTime", Seconds(r.LastModifiedTime)),
    ]);

    private static string Name(JObject input)
    {
        var name = Str(input, "Name");
        PipeDefinition.CheckName(name);
        return name!;
    }

    private static JNumber Seconds(DateTimeOffset date) => JNumber.Create(date.ToUnixTimeMilliseconds() / 1000.0);

    private static string? Str(JObject o, string member) => o[member] is JString s ? s.Value : null;
}
