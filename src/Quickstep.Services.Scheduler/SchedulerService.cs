using System.Globalization;
using Quickstep.Aws;
using Quickstep.Json;
using Quickstep.Storage;

namespace Quickstep.Services.Scheduler;

/// <summary>
/// EventBridge Scheduler (signing name <c>scheduler</c>): schedules and schedule groups in the model's shapes, kept in
/// an <see cref="IScheduleStore"/>; <see cref="Runner"/> fires them on the injected clock.
/// </summary>
public sealed class SchedulerService : IAwsService, IAsyncDisposable
{
    private const string DefaultGroup = "default";
    private readonly IScheduleStore _store;
    private readonly SchedulerOptions _options;

    public SchedulerService(IScheduleStore store, SchedulerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _store = store ?? throw new ArgumentNullException(nameof(store));
        _options = options;
        Runner = new ScheduleRunner(store, options);
    }

    public string SigningName => "scheduler";

    /// <summary>Fires due runs; start it with <see cref="ScheduleRunner.Start"/>.</summary>
    public ScheduleRunner Runner { get; }

    /// <summary>Creates the tables and the <c>default</c> group.</summary>
    public async Task InitializeAsync(CancellationToken cancellationToken = default)
    {
        await _store.InitializeAsync(cancellationToken).ConfigureAwait(false);
        var now = _options.TimeProvider.GetUtcNow();
        await _store.TryCreateGroupAsync(new ScheduleGroupRecord { Name = DefaultGroup, Arn = GroupArn(DefaultGroup), CreationDate = now, LastModificationDate = now }, cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask<JValue> InvokeAsync(string operation, JObject input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        return operation switch
        {
            "CreateSchedule" => await CreateScheduleAsync(input, cancellationToken).ConfigureAwait(false),
            "UpdateSchedule" => await UpdateScheduleAsync(input, cancellationToken).ConfigureAwait(false),
            "GetSchedule" => await GetScheduleAsync(input, cancellationToken).ConfigureAwait(false),
            "DeleteSchedule" => await DeleteScheduleAsync(input, cancellationToken).ConfigureAwait(false),
            "ListSchedules" => await ListSchedulesAsync(input, cancellationToken).ConfigureAwait(false),
            "CreateScheduleGroup" => await CreateGroupAsync(input, cancellationToken).ConfigureAwait(false),
            "GetScheduleGroup" => await GetGroupAsync(input, cancellationToken).ConfigureAwait(false),
            "DeleteScheduleGroup" => await DeleteGroupAsync(input, cancellationToken).ConfigureAwait(false),
            "ListScheduleGroups" => await ListGroupsAsync(input, cancellationToken).ConfigureAwait(false),
            _ => throw new AwsServiceException("UnknownOperationException", $"Unknown operation: '{operation}'.", 404),
        };
    }

    public ValueTask DisposeAsync() => Runner.DisposeAsync();

    private string ScheduleArn(string group, string name) => $"arn:aws:scheduler:{_options.Region}:{_options.AccountId}:schedule/{group}/{name}";

    private string GroupArn(string name) => $"arn:aws:scheduler:{_options.Region}:{_options.AccountId}:schedule-group/{name}";

    private async Task<JValue> CreateScheduleAsync(JObject input, CancellationToken ct)
    {
        var definition = ScheduleDefinition.Read(input);
        await RequireGroupAsync(definition.GroupName, ct).ConfigureAwait(false);
        var now = _options.TimeProvider.GetUtcNow();
        definition.RateAnchor = now;
        var arn = ScheduleArn(definition.GroupName, definition.Name);
        var record = Record(definition, arn, now, now, definition.State == "ENABLED" ? definition.Timeline.FirstAtOrAfter(now) : null);
        if (!await _store.TryCreateScheduleAsync(record, ct).ConfigureAwait(false))
            throw SchedulerErrors.Conflict($"Schedule {definition.Name} already exists.");
        Runner.Wake();
        return Object(("ScheduleArn", JString.Create(arn)));
    }

    private async Task<JValue> UpdateScheduleAsync(JObject input, CancellationToken ct)
    {
        var definition = ScheduleDefinition.Read(input);
        var existing = await _store.GetScheduleAsync(definition.GroupName, definition.Name, ct).ConfigureAwait(false)
            ?? throw SchedulerErrors.NotFound($"Schedule {definition.Name} does not exist.");
        var previous = ScheduleDefinition.FromDocument((JObject)JsonText.Parse(existing.Json));
        var now = _options.TimeProvider.GetUtcNow();
        var sameTimeline = previous.Expression == definition.Expression && (previous.TimezoneName ?? "UTC") == (definition.TimezoneName ?? "UTC")
            && previous.StartDate == definition.StartDate && previous.EndDate == definition.EndDate;
        definition.RateAnchor = sameTimeline ? previous.RateAnchor : now;
        DateTimeOffset? next = null;
        if (definition.State == "ENABLED")
        {
            // An unchanged timeline keeps its pending run; a new one (or re-enabling) starts from now: runs missed while disabled do not fire.
            next = sameTimeline && existing.State == "ENABLED" && existing.NextFire is not null ? existing.NextFire : definition.Timeline.FirstAtOrAfter(now);
        }

        var arn = ScheduleArn(definition.GroupName, definition.Name);
        if (!await _store.UpdateScheduleAsync(Record(definition, arn, existing.CreationDate, now, next), ct).ConfigureAwait(false))
            throw SchedulerErrors.NotFound($"Schedule {definition.Name} does not exist.");
        Runner.Wake();
        return Object(("ScheduleArn", JString.Create(arn)));
    }

    private async Task<JValue> GetScheduleAsync(JObject input, CancellationToken ct)
    {
        var (group, name) = Key(input);
        var record = await _store.GetScheduleAsync(group, name, ct).ConfigureAwait(false)
            ?? throw SchedulerErrors.NotFound($"Schedule {name} does not exist.");
        var document = ((JObject)JsonText.Parse(record.Json)).Without("RateAnchor");
        return document
            .With("CreationDate", ScheduleDefinition.Seconds(record.CreationDate))
            .With("LastModificationDate", ScheduleDefinition.Seconds(record.LastModificationDate));
    }

    private async Task<JValue> DeleteScheduleAsync(JObject input, CancellationToken ct)
    {
        var (group, name) = Key(input);
        if (!await _store.DeleteScheduleAsync(group, name, ct).ConfigureAwait(false))
            throw SchedulerErrors.NotFound($"Schedule {name} does not exist.");
        return JObject.Empty;
    }

    private async Task<JValue> ListSchedulesAsync(JObject input, CancellationToken ct)
    {
        var group = Str(input, "GroupName");
        if (group is not null)
        {
            ScheduleDefinition.CheckName(group, "groupName");
            await RequireGroupAsync(group, ct).ConfigureAwait(false);
        }

        var prefix = NamePrefix(input);
        var state = Str(input, "State");
        if (state is not (null or "ENABLED" or "DISABLED"))
            throw SchedulerErrors.Validation($"1 validation error detected: Value '{state}' at 'state' failed to satisfy constraint: Member must satisfy enum value set: [ENABLED, DISABLED]");
        var limit = MaxResults(input);
        var page = await _store.ListSchedulesAsync(group, prefix, state, Token(input), limit, ct).ConfigureAwait(false);
        var items = page.Items.Select(s => (JValue)Object(
            ("Arn", JString.Create(s.Arn)),
            ("CreationDate", ScheduleDefinition.Seconds(s.CreationDate)),
            ("GroupName", JString.Create(s.GroupName)),
            ("LastModificationDate", ScheduleDefinition.Seconds(s.LastModificationDate)),
            ("Name", JString.Create(s.Name)),
            ("State", JString.Create(s.State)),
            ("Target", Object(("Arn", JString.Create(s.TargetArn)))))).ToArray();
        return Page(page.NextKey, "Schedules", items);
    }

    private async Task<JValue> CreateGroupAsync(JObject input, CancellationToken ct)
    {
        var name = NameInput(input);
        var now = _options.TimeProvider.GetUtcNow();
        var arn = GroupArn(name);
        if (!await _store.TryCreateGroupAsync(new ScheduleGroupRecord { Name = name, Arn = arn, CreationDate = now, LastModificationDate = now }, ct).ConfigureAwait(false))
            throw SchedulerErrors.Conflict($"Schedule group {name} already exists.");
        return Object(("ScheduleGroupArn", JString.Create(arn)));
    }

    private async Task<JValue> GetGroupAsync(JObject input, CancellationToken ct)
    {
        var name = NameInput(input);
        var group = await _store.GetGroupAsync(name, ct).ConfigureAwait(false) ?? throw SchedulerErrors.NotFound($"Schedule group {name} does not exist.");
        return GroupSummary(group);
    }

    private async Task<JValue> DeleteGroupAsync(JObject input, CancellationToken ct)
    {
        var name = NameInput(input);
        if (name == DefaultGroup)
            throw SchedulerErrors.Validation("The default schedule group cannot be deleted.");
        if (!await _store.DeleteGroupAsync(name, ct).ConfigureAwait(false))
            throw SchedulerErrors.NotFound($"Schedule group {name} does not exist.");
        return JObject.Empty;
    }

    private async Task<JValue> ListGroupsAsync(JObject input, CancellationToken ct)
    {
        var page = await _store.ListGroupsAsync(NamePrefix(input), Token(input), MaxResults(input), ct).ConfigureAwait(false);
        return Page(page.NextKey, "ScheduleGroups", page.Items.Select(GroupSummary).ToArray());
    }

    /// <summary>The NamePrefix of ListSchedules and ListScheduleGroups, checked as a name; null when absent.</summary>
    private static string? NamePrefix(JObject input)
    {
        var prefix = Str(input, "NamePrefix");
        if (prefix is not null)
            ScheduleDefinition.CheckName(prefix, "namePrefix");
        return prefix;
    }

    /// <summary>A List operation's answer: the page's items under <paramref name="member"/>, after the NextToken when there are more.</summary>
    private static JObject Page(string? nextKey, string member, JValue[] items) => nextKey is null
        ? Object((member, JArray.Own(items)))
        : Object(("NextToken", JString.Create(EncodeToken(nextKey))), (member, JArray.Own(items)));

    private static JValue GroupSummary(ScheduleGroupRecord g) => Object(
        ("Arn", JString.Create(g.Arn)),
        ("CreationDate", ScheduleDefinition.Seconds(g.CreationDate)),
        ("LastModificationDate", ScheduleDefinition.Seconds(g.LastModificationDate)),
        ("Name", JString.Create(g.Name)),
        ("State", JString.Create("ACTIVE")));

    private async Task RequireGroupAsync(string group, CancellationToken ct)
    {
        if (await _store.GetGroupAsync(group, ct).ConfigureAwait(false) is null)
            throw SchedulerErrors.NotFound($"Schedule group {group} does not exist.");
    }

    private static ScheduleRecord Record(ScheduleDefinition d, string arn, DateTimeOffset created, DateTimeOffset modified, DateTimeOffset? next) => new()
    {
        GroupName = d.GroupName,
        Name = d.Name,
        Arn = arn,
        State = d.State,
        TargetArn = d.TargetArn,
        Json = d.ToDocument(arn).ToJson(),
        NextFire = next,
        CreationDate = created,
        LastModificationDate = modified,
    };

    /// <summary>The Name member (of a schedule or a group), checked.</summary>
    private static string NameInput(JObject input)
    {
        var name = Str(input, "Name");
        ScheduleDefinition.CheckName(name, "name");
        return name!;
    }

    private static (string Group, string Name) Key(JObject input)
    {
        var name = NameInput(input);
        var group = Str(input, "GroupName") ?? DefaultGroup;
        ScheduleDefinition.CheckName(group, "groupName");
        return (group, name);
    }

    private static int MaxResults(JObject input)
    {
        var text = Str(input, "MaxResults") ?? (input["MaxResults"] is JNumber n ? n.ToJsonText() : null);
        if (text is null)
            return 100;
        if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var max) || max is < 1 or > 100)
            throw SchedulerErrors.Validation($"1 validation error detected: Value '{text}' at 'maxResults' failed to satisfy constraint: Member must have value between 1 and 100");
        return max;
    }

    private static string? Token(JObject input)
    {
        if (Str(input, "NextToken") is not { } token)
            return null;
        try
        {
            return System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(token));
        }
        catch (FormatException)
        {
            throw SchedulerErrors.Validation("The NextToken is not valid.");
        }
    }

    private static string EncodeToken(string key) => Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(key));

    private static string? Str(JObject o, string member) => o[member] is JString s ? s.Value : null;

    private static JObject Object(params (string Name, JValue Value)[] members) =>
        JObject.Create(members.Select(m => new KeyValuePair<string, JValue>(m.Name, m.Value)));
}
