using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Quickstep.Aws;
using Quickstep.EventPatterns;
using Quickstep.Json;
using Quickstep.Storage;

namespace Quickstep.Services.Events;

/// <summary>
/// Amazon EventBridge's buses and events: the default bus and custom ones, PutEvents (each accepted event stored
/// durably before the answer, for rule delivery), TestEventPattern. Input and output in the shapes of
/// events/2015-10-07 (https://docs.aws.amazon.com/eventbridge/latest/APIReference/).
/// </summary>
public sealed partial class EventBridgeService : IAwsService
{
    public const string DefaultBus = "default";
    private const int MaxEntries = 10;
    private const int MaxRequestEntriesBytes = 256 * 1024;
    // https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_TestEventPattern.html
    private static readonly string[] RequiredEventFields = ["id", "account", "source", "time", "region", "resources", "detail-type"];

    private readonly IEventBusStore _store;
    private readonly EventBridgeOptions _options;
    private readonly ConcurrentDictionary<string, EventBusRecord> _buses = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _busLock = new(1, 1);

    public EventBridgeService(IEventBusStore store, EventBridgeOptions options)
    {
        _store = store;
        _options = options;
    }

    public string SigningName => "events";

    /// <summary>Creates the tables and loads the buses; the default bus always exists.</summary>
    public async Task InitializeAsync(CancellationToken cancellationToken = default)
    {
        await _store.InitializeAsync(cancellationToken).ConfigureAwait(false);
        foreach (var bus in await _store.ListEventBusesAsync(cancellationToken).ConfigureAwait(false))
            _buses[bus.Name] = bus;
        if (!_buses.ContainsKey(DefaultBus))
        {
            var now = _options.TimeProvider.GetUtcNow();
            var bus = new EventBusRecord { Name = DefaultBus, Arn = BusArn(DefaultBus), CreationTime = now, LastModifiedTime = now };
            await _store.TryCreateEventBusAsync(bus, cancellationToken).ConfigureAwait(false);
            _buses[DefaultBus] = bus;
        }
    }

    public ValueTask<JValue> InvokeAsync(string operation, JObject input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        return operation switch
        {
            "CreateEventBus" => CreateEventBusAsync(input, cancellationToken),
            "DescribeEventBus" => DescribeEventBusAsync(input, cancellationToken),
            "ListEventBuses" => ListEventBusesAsync(input, cancellationToken),
            "DeleteEventBus" => DeleteEventBusAsync(input, cancellationToken),
            "PutEvents" => PutEventsAsync(input, cancellationToken),
            "TestEventPattern" => ValueTask.FromResult<JValue>(TestEventPattern(input)),
            _ => InvokeConnectionOrRuleOperation(operation, input, cancellationToken),
        };
    }

    /// <summary>The buses, for the rules and the host.</summary>
    public IReadOnlyCollection<EventBusRecord> Buses => [.. _buses.Values];

    /// <summary>
    /// Reads the buses again (another node sharing the store may have created or deleted some): the answers that list
    /// or describe buses, and any lookup of a bus this node does not know, come from the store.
    /// </summary>
    private async Task ReloadBusesAsync(CancellationToken ct)
    {
        var stored = await _store.ListEventBusesAsync(ct).ConfigureAwait(false);
        await _busLock.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            foreach (var bus in stored)
                _buses[bus.Name] = bus;
            foreach (var name in _buses.Keys)
            {
                if (name != DefaultBus && !stored.Any(b => b.Name == name))
                    _buses.TryRemove(name, out _);
            }
        }
        finally
        {
            _busLock.Release();
        }
    }

    /// <summary>True when the bus exists: known here, or created through another node since this one last looked.</summary>
    private async ValueTask<bool> BusExistsAsync(string name, CancellationToken ct)
    {
        if (_buses.ContainsKey(name))
            return true;
        await ReloadBusesAsync(ct).ConfigureAwait(false);
        return _buses.ContainsKey(name);
    }

    private string BusArn(string name) => $"arn:aws:events:{_options.Region}:{_options.AccountId}:event-bus/{name}";

    /// <summary>A bus name from a name or an event-bus ARN.</summary>
    private static string BusName(string nameOrArn)
    {
        const string marker = ":event-bus/";
        var at = nameOrArn.IndexOf(marker, StringComparison.Ordinal);
        return nameOrArn.StartsWith("arn:", StringComparison.Ordinal) && at > 0 ? nameOrArn[(at + marker.Length)..] : nameOrArn;
    }

    private async ValueTask<JValue> CreateEventBusAsync(JObject input, CancellationToken ct)
    {
        var name = AwsInput.Required(input, "Name", EventBridgeErrors.Missing);
        if (name.Length > 256 || !BusNameRegex().IsMatch(name))
            throw EventBridgeErrors.Validation($"1 validation error detected: Value '{name}' at 'name' failed to satisfy constraint: Member must satisfy regular expression pattern: [/\\.\\-_A-Za-z0-9]+");
        if (name.Contains('/', StringComparison.Ordinal))
            throw EventBridgeErrors.Validation("Event bus name must not contain '/'.");
        if (name == DefaultBus)
            throw EventBridgeErrors.BusExists(name);
        var description = AwsInput.String(input, "Description");
        if (description is { Length: > 512 })
            throw EventBridgeErrors.Validation("1 validation error detected: Value at 'description' failed to satisfy constraint: Member must have length less than or equal to 512");
        var tags = new List<ResourceTag>();
        foreach (var t in AwsInput.List(input, "Tags"))
        {
            if (t is JObject tag && AwsInput.String(tag, "Key") is { } key)
                tags.Add(new ResourceTag(key, AwsInput.String(tag, "Value") ?? ""));
        }

        var now = _options.TimeProvider.GetUtcNow();
        var bus = new EventBusRecord { Name = name, Arn = BusArn(name), Description = description, Tags = tags, CreationTime = now, LastModifiedTime = now };
        await _busLock.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            // The store decides (another node may have created or deleted it).
            if (!await _store.TryCreateEventBusAsync(bus, ct).ConfigureAwait(false))
                throw EventBridgeErrors.BusExists(name);
            _buses[name] = bus;
        }
        finally
        {
            _busLock.Release();
        }

        var output = new JObjectBuilder(2).AddUnique("EventBusArn", JValue.FromString(bus.Arn));
        if (description is not null)
            output.AddUnique("Description", JValue.FromString(description));
        return output.Build();
    }

    private async ValueTask<JValue> DescribeEventBusAsync(JObject input, CancellationToken ct)
    {
        var name = BusName(AwsInput.String(input, "Name") ?? DefaultBus);
        await ReloadBusesAsync(ct).ConfigureAwait(false);
        if (!_buses.TryGetValue(name, out var bus))
            throw EventBridgeErrors.BusNotFound(name);
        return BusJson(bus);
    }

    private static JObject BusJson(EventBusRecord bus)
    {
        var b = new JObjectBuilder(5)
            .AddUnique("Name", JValue.FromString(bus.Name))
            .AddUnique("Arn", JValue.FromString(bus.Arn));
        if (bus.Description is not null)
            b.AddUnique("Description", JValue.FromString(bus.Description));
        b.AddUnique("CreationTime", Epoch(bus.CreationTime));
        b.AddUnique("LastModifiedTime", Epoch(bus.LastModifiedTime));
        return b.Build();
    }

    private static JNumber Epoch(DateTimeOffset t) => JValue.FromNumber(t.ToUnixTimeMilliseconds() / 1000.0);

    private async ValueTask<JValue> ListEventBusesAsync(JObject input, CancellationToken ct)
    {
        await ReloadBusesAsync(ct).ConfigureAwait(false);
        var prefix = AwsInput.String(input, "NamePrefix") ?? "";
        var limit = EventBridgePaging.Limit(input);
        var after = "";
        if (AwsInput.String(input, "NextToken") is { } token)
            after = DecodeToken(token);
        var names = _buses.Keys.Where(n => n.StartsWith(prefix, StringComparison.Ordinal) && string.CompareOrdinal(n, after) > 0).Order(StringComparer.Ordinal).ToList();
        var page = names.Take(limit).Select(n => (JValue)BusJson(_buses[n])).ToArray();
        var output = new JObjectBuilder(2).AddUnique("EventBuses", JArray.Own(page));
        if (names.Count > limit)
            output.AddUnique("NextToken", JValue.FromString(Convert.ToBase64String(Encoding.UTF8.GetBytes("bus:" + names[limit - 1]))));
        return output.Build();
    }

    private static string DecodeToken(string token)
    {
        try
        {
            var text = Encoding.UTF8.GetString(Convert.FromBase64String(token));
            if (text.StartsWith("bus:", StringComparison.Ordinal))
                return text[4..];
        }
        catch (FormatException)
        {
            // answered below
        }

        throw EventBridgeErrors.Validation("The NextToken provided is invalid.");
    }

    private async ValueTask<JValue> DeleteEventBusAsync(JObject input, CancellationToken ct)
    {
        var name = BusName(AwsInput.Required(input, "Name", EventBridgeErrors.Missing));
        if (name == DefaultBus)
            throw EventBridgeErrors.Validation("Cannot delete event bus default.");
        // Deleting a bus that does not exist succeeds, as on AWS.
        await _busLock.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            // Deleted through whichever node: the store says whether it existed.
            await _store.DeleteEventBusAsync(name, ct).ConfigureAwait(false);
            _buses.TryRemove(name, out _);
        }
        finally
        {
            _busLock.Release();
        }

        return JObject.Empty;
    }

    private async ValueTask<JValue> PutEventsAsync(JObject input, CancellationToken ct)
    {
        if (input["Entries"] is not JArray entries)
            throw EventBridgeErrors.Missing("Entries");
        if (entries.Count is 0 or > MaxEntries)
        {
            throw EventBridgeErrors.Validation(entries.Count == 0
                ? "1 validation error detected: Value '[]' at 'entries' failed to satisfy constraint: Member must have length greater than or equal to 1"
                : $"1 validation error detected: Value '[PutEventsRequestEntry]' at 'entries' failed to satisfy constraint: Member must have length less than or equal to {MaxEntries}");
        }

        var size = 0;
        foreach (var e in entries)
            size += EntrySize(e as JObject ?? JObject.Empty);
        if (size > MaxRequestEntriesBytes)
            throw EventBridgeErrors.Validation("Total size of the entries in the request is over the limit.");

        var now = _options.TimeProvider.GetUtcNow();
        var results = new JValue[entries.Count];
        var accepted = new List<StoredEvent>(entries.Count);
        var failed = 0;
        var known = new Dictionary<string, bool>(StringComparer.Ordinal);
        for (var i = 0; i < entries.Count; i++)
        {
            var entry = entries[i] as JObject ?? JObject.Empty;
            var (error, message, envelope, busName) = BuildEvent(entry, now);
            if (error is not null)
            {
                failed++;
                results[i] = new JObjectBuilder(2).AddUnique("ErrorCode", JValue.FromString(error)).AddUnique("ErrorMessage", JValue.FromString(message!)).Build();
                continue;
            }

            var id = ((JString)envelope!["id"]!).Value;
            results[i] = new JObjectBuilder(1).AddUnique("EventId", JValue.FromString(id)).Build();
            // Events for a bus that does not exist are answered with an id and dropped, as AWS does.
            if (!known.TryGetValue(busName!, out var exists))
                known[busName!] = exists = await BusExistsAsync(busName!, ct).ConfigureAwait(false);
            if (exists)
                accepted.Add(new StoredEvent { Id = id, EventBusName = busName!, Json = envelope.ToString(), ReceivedTime = now });
        }

        if (accepted.Count > 0)
            _delivery?.Accept(await _store.AppendEventsAsync(accepted, ct).ConfigureAwait(false));
        return new JObjectBuilder(2)
            .AddUnique("FailedEntryCount", JValue.FromNumber(failed))
            .AddUnique("Entries", JArray.Own(results))
            .Build();
    }

    /// <summary>The size AWS counts for an entry (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-putevent-size.html).</summary>
    private static int EntrySize(JObject entry)
    {
        var size = entry["Time"] is null or JNull ? 0 : 14;
        foreach (var member in (ReadOnlySpan<string>)["Source", "DetailType", "Detail"])
        {
            if (AwsInput.String(entry, member) is { } s)
                size += Encoding.UTF8.GetByteCount(s);
        }

        foreach (var r in AwsInput.List(entry, "Resources"))
            size += r is JString s ? Encoding.UTF8.GetByteCount(s.Value) : 0;
        return size;
    }

    private (string? Error, string? Message, JObject? Envelope, string? Bus) BuildEvent(JObject entry, DateTimeOffset now)
    {
        var source = AwsInput.String(entry, "Source");
        if (string.IsNullOrEmpty(source))
            return ("InvalidArgument", "Parameter Source is not valid. Reason: Source is a required argument.", null, null);
        var detailType = AwsInput.String(entry, "DetailType");
        if (string.IsNullOrEmpty(detailType))
            return ("InvalidArgument", "Parameter DetailType is not valid. Reason: DetailType is a required argument.", null, null);
        var detailText = AwsInput.String(entry, "Detail");
        if (string.IsNullOrEmpty(detailText))
            return ("InvalidArgument", "Parameter Detail is not valid. Reason: Detail is a required argument.", null, null);
        if (!JsonText.TryParse(detailText, out var detail, out _) || detail is not JObject)
            return ("MalformedDetail", "Detail is malformed.", null, null);
        var time = now;
        if (entry["Time"] is { } t && !t.IsNull)
        {
            if (ParseTime(t) is not { } parsed)
                return ("InvalidArgument", "Parameter Time is not valid. Reason: Time is not a valid timestamp.", null, null);
            time = parsed;
        }

        var resources = new List<JValue>();
        foreach (var r in AwsInput.List(entry, "Resources"))
        {
            if (r is not JString)
                return ("InvalidArgument", "Parameter Resources is not valid. Reason: Resources must be strings.", null, null);
            resources.Add(r);
        }

        var bus = BusName(AwsInput.String(entry, "EventBusName") ?? DefaultBus);
        var envelope = new JObjectBuilder(9)
            .AddUnique("version", JValue.FromString("0"))
            .AddUnique("id", JValue.FromString(Guid.NewGuid().ToString()))
            .AddUnique("detail-type", JValue.FromString(detailType))
            .AddUnique("source", JValue.FromString(source))
            .AddUnique("account", JValue.FromString(_options.AccountId))
            .AddUnique("time", JValue.FromString(time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)))
            .AddUnique("region", JValue.FromString(_options.Region))
            .AddUnique("resources", JArray.Own([.. resources]))
            .AddUnique("detail", detail)
            .Build();
        return (null, null, envelope, bus);
    }

    private static DateTimeOffset? ParseTime(JValue t)
    {
        switch (t)
        {
            case JNumber n when double.IsFinite(n.Value):
                return DateTimeOffset.FromUnixTimeMilliseconds((long)(n.Value * 1000));
            case JString s when double.TryParse(s.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var secs):
                return DateTimeOffset.FromUnixTimeMilliseconds((long)(secs * 1000));
            case JString s when DateTimeOffset.TryParse(s.Value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var d):
                return d;
            default:
                return null;
        }
    }

    private static JObject TestEventPattern(JObject input)
    {
        var patternText = AwsInput.Required(input, "EventPattern", EventBridgeErrors.Missing);
        var eventText = AwsInput.Required(input, "Event", EventBridgeErrors.Missing);
        EventPattern pattern;
        try
        {
            pattern = EventPattern.Parse(patternText);
        }
        catch (EventPatternException e)
        {
            throw EventBridgeErrors.InvalidPattern(e.Message);
        }

        if (!JsonText.TryParse(eventText, out var ev, out _) || ev is not JObject eventObject)
            throw EventBridgeErrors.Validation("Parameter Event is not valid.");
        foreach (var field in RequiredEventFields)
        {
            if (!eventObject.ContainsKey(field))
                throw EventBridgeErrors.Validation("Parameter Event is not valid.");
        }

        return new JObjectBuilder(1).AddUnique("Result", JValue.FromBool(pattern.Matches(eventObject))).Build();
    }

    [GeneratedRegex(@"^[/\.\-_A-Za-z0-9]+$")]
    private static partial Regex BusNameRegex();
}
