using System.Globalization;
using System.Text.RegularExpressions;
using Quickstep.Json;
using Quickstep.Schedules;

namespace Quickstep.Services.Scheduler;

/// <summary>A schedule's validated definition (CreateSchedule/UpdateSchedule input) and what it is stored as.</summary>
internal sealed partial class ScheduleDefinition
{
    public const int DefaultMaximumRetryAttempts = 185;
    public const int DefaultMaximumEventAgeInSeconds = 86400;

    public required string Name { get; init; }

    public required string GroupName { get; init; }

    public required string Expression { get; init; }

    public required ScheduleExpression Parsed { get; init; }

    public string? TimezoneName { get; init; }

    public required TimeZoneInfo TimeZone { get; init; }

    public DateTimeOffset? StartDate { get; init; }

    public DateTimeOffset? EndDate { get; init; }

    public string? Description { get; init; }

    public string? KmsKeyArn { get; init; }

    public required string State { get; init; }

    public required string ActionAfterCompletion { get; init; }

    public required JObject FlexibleTimeWindow { get; init; }

    /// <summary>FLEXIBLE's MaximumWindowInMinutes, 0 for OFF.</summary>
    public int WindowMinutes { get; init; }

    public required JObject Target { get; init; }

    public required string TargetArn { get; init; }

    public int MaximumRetryAttempts { get; init; } = DefaultMaximumRetryAttempts;

    public int MaximumEventAgeInSeconds { get; init; } = DefaultMaximumEventAgeInSeconds;

    /// <summary>rate() without StartDate counts from here (creation, or the last change of the expression).</summary>
    public DateTimeOffset RateAnchor { get; set; }

    public ScheduleTimeline Timeline => new(Parsed, TimeZone, StartDate, EndDate, RateAnchor);

    [GeneratedRegex("^[0-9a-zA-Z-_.]+$")]
    private static partial Regex NamePattern();

    public static void CheckName(string? name, string member)
    {
        if (name is null || name.Length is 0 or > 64 || !NamePattern().IsMatch(name))
            throw SchedulerErrors.Validation($"1 validation error detected: Value '{name}' at '{member}' failed to satisfy constraint: Member must satisfy regular expression pattern: [0-9a-zA-Z-_.]+ and length between 1 and 64");
    }

    /// <summary>Reads and validates CreateSchedule/UpdateSchedule input (collecting AWS's checks in its order: shape first, then semantics).</summary>
    public static ScheduleDefinition Read(JObject input)
    {
        var name = Str(input, "Name");
        CheckName(name, "name");
        var group = Str(input, "GroupName") ?? "default";
        CheckName(group, "groupName");
        var expression = Str(input, "ScheduleExpression") ?? throw Missing("scheduleExpression");
        if (expression.Length > 256)
            throw SchedulerErrors.Validation($"1 validation error detected: Value at 'scheduleExpression' failed to satisfy constraint: Member must have length less than or equal to 256");
        var window = input["FlexibleTimeWindow"] as JObject ?? throw Missing("flexibleTimeWindow");
        var target = input["Target"] as JObject ?? throw Missing("target");
        var targetArn = Str(target, "Arn") ?? throw Missing("target.arn");
        _ = Str(target, "RoleArn") ?? throw Missing("target.roleArn");

        var mode = Str(window, "Mode") ?? throw Missing("flexibleTimeWindow.mode");
        var windowMinutes = Int(window, "MaximumWindowInMinutes");
        if (mode is not ("OFF" or "FLEXIBLE"))
            throw SchedulerErrors.Validation($"1 validation error detected: Value '{mode}' at 'flexibleTimeWindow.mode' failed to satisfy constraint: Member must satisfy enum value set: [OFF, FLEXIBLE]");
        if (windowMinutes is { } w && (w < 1 || w > 1440))
            throw SchedulerErrors.Validation($"1 validation error detected: Value '{w}' at 'flexibleTimeWindow.maximumWindowInMinutes' failed to satisfy constraint: Member must have value between 1 and 1440");
        if (mode == "FLEXIBLE" && windowMinutes is null)
            throw SchedulerErrors.Validation("MaximumWindowInMinutes must be provided when FlexibleTimeWindow mode is FLEXIBLE.");
        if (mode == "OFF" && windowMinutes is not null)
            throw SchedulerErrors.Validation("MaximumWindowInMinutes must not be provided when FlexibleTimeWindow mode is OFF.");

        var state = Str(input, "State") ?? "ENABLED";
        if (state is not ("ENABLED" or "DISABLED"))
            throw SchedulerErrors.Validation($"1 validation error detected: Value '{state}' at 'state' failed to satisfy constraint: Member must satisfy enum value set: [ENABLED, DISABLED]");
        var after = Str(input, "ActionAfterCompletion") ?? "NONE";
        if (after is not ("NONE" or "DELETE"))
            throw SchedulerErrors.Validation($"1 validation error detected: Value '{after}' at 'actionAfterCompletion' failed to satisfy constraint: Member must satisfy enum value set: [NONE, DELETE]");

        var retries = DefaultMaximumRetryAttempts;
        var maxAge = DefaultMaximumEventAgeInSeconds;
        if (target["RetryPolicy"] is JObject retry)
        {
            retries = Int(retry, "MaximumRetryAttempts") ?? retries;
            maxAge = Int(retry, "MaximumEventAgeInSeconds") ?? maxAge;
            if (retries is < 0 or > 185)
                throw SchedulerErrors.Validation($"1 validation error detected: Value '{retries}' at 'target.retryPolicy.maximumRetryAttempts' failed to satisfy constraint: Member must have value between 0 and 185");
            if (maxAge is < 60 or > 86400)
                throw SchedulerErrors.Validation($"1 validation error detected: Value '{maxAge}' at 'target.retryPolicy.maximumEventAgeInSeconds' failed to satisfy constraint: Member must have value between 60 and 86400");
        }

        if (!ScheduleExpression.TryParse(expression, ScheduleExpressionDialect.Scheduler, out var parsed, out var error))
            throw SchedulerErrors.Validation(error!);
        var tzName = Str(input, "ScheduleExpressionTimezone");
        if (!ScheduleTimeZones.TryFind(tzName, out var zone))
            throw SchedulerErrors.Validation($"Invalid time zone: {tzName}.");
        var start = Date(input, "StartDate");
        var end = Date(input, "EndDate");
        if (start is { } s && end is { } e && e <= s)
            throw SchedulerErrors.Validation("The EndDate you specify cannot be earlier than or equal to the StartDate.");

        return new ScheduleDefinition
        {
            Name = name!,
            GroupName = group,
            Expression = expression,
            Parsed = parsed!,
            TimezoneName = tzName,
            TimeZone = zone,
            StartDate = start,
            EndDate = end,
            Description = Str(input, "Description"),
            KmsKeyArn = Str(input, "KmsKeyArn"),
            State = state,
            ActionAfterCompletion = after,
            FlexibleTimeWindow = window,
            WindowMinutes = mode == "FLEXIBLE" ? windowMinutes!.Value : 0,
            Target = target,
            TargetArn = targetArn,
            MaximumRetryAttempts = retries,
            MaximumEventAgeInSeconds = maxAge,
        };
    }

    /// <summary>GetSchedule's output members (without the dates kept as columns), plus the rate anchor.</summary>
    public JObject ToDocument(string arn)
    {
        var members = new List<KeyValuePair<string, JValue>>
        {
            new("ActionAfterCompletion", JString.Create(ActionAfterCompletion)),
            new("Arn", JString.Create(arn)),
        };
        if (Description is not null)
            members.Add(new("Description", JString.Create(Description)));
        if (EndDate is { } end)
            members.Add(new("EndDate", Seconds(end)));
        members.Add(new("FlexibleTimeWindow", FlexibleTimeWindow));
        members.Add(new("GroupName", JString.Create(GroupName)));
        if (KmsKeyArn is not null)
            members.Add(new("KmsKeyArn", JString.Create(KmsKeyArn)));
        members.Add(new("Name", JString.Create(Name)));
        members.Add(new("ScheduleExpression", JString.Create(Expression)));
        members.Add(new("ScheduleExpressionTimezone", JString.Create(TimezoneName ?? "UTC")));
        if (StartDate is { } start)
            members.Add(new("StartDate", Seconds(start)));
        members.Add(new("State", JString.Create(State)));
        members.Add(new("Target", Target));
        members.Add(new("RateAnchor", JNumber.Create(RateAnchor.ToUnixTimeMilliseconds())));
        return JObject.Create(members);
    }

    /// <summary>Reads a stored document back (it was validated when written).</summary>
    public static ScheduleDefinition FromDocument(JObject document)
    {
        var definition = Read(document.Without("RateAnchor").Without("Arn"));
        definition.RateAnchor = document["RateAnchor"] is JNumber n && n.TryGetInt64(out var ms) ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : DateTimeOffset.UnixEpoch;
        return definition;
    }

    public static JNumber Seconds(DateTimeOffset date) => JNumber.Create(date.ToUnixTimeMilliseconds() / 1000.0);

    private static Quickstep.Aws.AwsServiceException Missing(string member) =>
        SchedulerErrors.Validation($"1 validation error detected: Value null at '{member}' failed to satisfy constraint: Member must not be null");

    private static string? Str(JObject o, string member) => o[member] is JString s ? s.Value : null;

    private static int? Int(JObject o, string member) => o[member] switch
    {
        JNumber n when n.TryGetInt32(out var i) => i,
        JString s when int.TryParse(s.Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var i) => i,
        _ => null,
    };

    private static DateTimeOffset? Date(JObject o, string member) => o[member] switch
    {
        JNumber n => DateTimeOffset.FromUnixTimeMilliseconds((long)Math.Round(n.Value * 1000)),
        JString s when DateTimeOffset.TryParse(s.Value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var d) => d,
        _ => null,
    };
}
