using System.Text;
using System.Text.RegularExpressions;
using Quickstep.Aws;
using Quickstep.EventPatterns;
using Quickstep.Json;
using Quickstep.Schedules;
using Quickstep.Services.Events.Rules;
using Quickstep.Storage;

namespace Quickstep.Services.Events;

/// <summary>
/// Rules and targets: PutRule, DescribeRule, ListRules, EnableRule, DisableRule, DeleteRule, PutTargets,
/// RemoveTargets, ListTargetsByRule, ListRuleNamesByTarget (https://docs.aws.amazon.com/eventbridge/latest/APIReference/).
/// </summary>
public sealed partial class EventBridgeService
{
    private const int MaxTargetsPerRule = 5;
    private static readonly string[] RuleStates = ["ENABLED", "DISABLED", "ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS"];
    private static readonly string[] Predefined = [RuleInput.EventVariable, RuleInput.EventJsonVariable, RuleInput.RuleArnVariable, RuleInput.RuleNameVariable, RuleInput.IngestionTimeVariable];

    private readonly Dictionary<(string Bus, string Name), EventRule> _rules = [];
    private readonly SemaphoreSlim _ruleLock = new(1, 1);
    private IEventRuleStore? _ruleStore;
    private volatile Dictionary<string, EventRule[]> _rulesByBus = new(StringComparer.Ordinal);
    private long _rulesVersion = long.MinValue;

    /// <summary>Turns rules on: creates their table and loads them (before <see cref="StartDelivery"/>).</summary>
    public async Task InitializeRulesAsync(IEventRuleStore store, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        await store.InitializeAsync(cancellationToken).ConfigureAwait(false);
        _ruleStore = store;
        await RefreshRulesAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Brings the rules this node keeps in memory up to date with the store: one read of the store's version, and the
    /// rules are read again only when it moved (another node sharing the store, or this one, changed a rule). Delivery
    /// calls it before matching what was accepted, the rule operations before they read, the rule scheduler as it polls.
    /// </summary>
    internal async Task RefreshRulesAsync(CancellationToken ct)
    {
        if (_ruleStore is not { } store || await store.GetVersionAsync(ct).ConfigureAwait(false) == Volatile.Read(ref _rulesVersion))
            return;
        await _ruleLock.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            // Read before the rules: a change committed in between only makes the next refresh read them again.
            var version = await store.GetVersionAsync(ct).ConfigureAwait(false);
            if (version == _rulesVersion)
                return;
            var records = await store.ListRulesAsync(ct).ConfigureAwait(false);
            _rules.Clear();
            foreach (var record in records)
            {
                var json = (JObject)JsonText.Parse(record.Json);
                var targets = json["Targets"] is JArray a ? a.OfType<JObject>().ToList() : [];
                var pattern = json["EventPattern"] is JString p ? EventPattern.Parse(p.Value) : null;
                var since = json[EventRule.ScheduleSinceMember] is JNumber n ? (long)n.Value : (long?)null;
                _rules[(record.EventBusName, record.Name)] = new EventRule(record.EventBusName, record.Name, json.Without("Targets").Without(EventRule.ScheduleSinceMember), pattern, targets) { ScheduleSince = since };
            }

            Volatile.Write(ref _rulesVersion, version);
            RebuildRuleIndex();
        }
        finally
        {
            _ruleLock.Release();
        }
    }

    /// <summary>The enabled and disabled rules of a bus, for delivery.</summary>
    internal EventRule[] RulesOf(string bus) => _rulesByBus.GetValueOrDefault(bus) ?? [];

    private async ValueTask<JValue> InvokeRuleOperationAsync(string operation, JObject input, CancellationToken ct)
    {
        if (!RuleOperations.Contains(operation))
            throw new AwsServiceException("UnknownOperationException", $"Quickstep's EventBridge does not support the operation {operation}.");
        // Another node sharing the store may have changed the rules or the buses since this one last looked.
        await RefreshRulesAsync(ct).ConfigureAwait(false);
        if (BusName(AwsInput.String(input, "EventBusName") ?? DefaultBus) is var bus && !_buses.ContainsKey(bus))
            await BusExistsAsync(bus, ct).ConfigureAwait(false);
        return operation switch
        {
            "PutRule" => await PutRuleAsync(input, ct).ConfigureAwait(false),
            "DescribeRule" => DescribeRule(input),
            "ListRules" => ListRules(input),
            "EnableRule" => await SetRuleStateAsync(input, "ENABLED", ct).ConfigureAwait(false),
            "DisableRule" => await SetRuleStateAsync(input, "DISABLED", ct).ConfigureAwait(false),
            "DeleteRule" => await DeleteRuleAsync(input, ct).ConfigureAwait(false),
            "PutTargets" => await PutTargetsAsync(input, ct).ConfigureAwait(false),
            "RemoveTargets" => await RemoveTargetsAsync(input, ct).ConfigureAwait(false),
            "ListTargetsByRule" => ListTargetsByRule(input),
            _ => ListRuleNamesByTarget(input),
        };
    }

    private static readonly HashSet<string> RuleOperations = new(StringComparer.Ordinal)
    {
        "PutRule", "DescribeRule", "ListRules", "EnableRule", "DisableRule", "DeleteRule", "PutTargets", "RemoveTargets", "ListTargetsByRule", "ListRuleNamesByTarget",
    };

    private string RuleArn(string bus, string name) =>
        bus == DefaultBus ? $"arn:aws:events:{_options.Region}:{_options.AccountId}:rule/{name}" : $"arn:aws:events:{_options.Region}:{_options.AccountId}:rule/{bus}/{name}";

    private string ExistingBus(JObject input)
    {
        var bus = BusName(AwsInput.String(input, "EventBusName") ?? DefaultBus);
        return _buses.ContainsKey(bus) ? bus : throw EventBridgeErrors.BusNotFound(bus);
    }

    private static string RuleName(JObject input, string member)
    {
        var name = AwsInput.Required(input, member, EventBridgeErrors.Missing);
        if (name.Length is 0 or > 64 || !RuleNameRegex().IsMatch(name))
            throw EventBridgeErrors.Validation($"1 validation error detected: Value '{name}' at '{char.ToLowerInvariant(member[0]) + member[1..]}' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\.\\-_A-Za-z0-9]+");
        return name;
    }

    private EventRule FindRule(string bus, string name) =>
        _rules.TryGetValue((bus, name), out var rule) ? rule : throw RuleNotFound(name, bus);

    private static AwsServiceException RuleNotFound(string name, string bus) => new("ResourceNotFoundException", $"Rule {name} does not exist on EventBus {bus}.");

    private async ValueTask<JValue> PutRuleAsync(JObject input, CancellationToken ct)
    {
        var name = RuleName(input, "Name");
        var bus = ExistingBus(input);
        var patternText = AwsInput.String(input, "EventPattern");
        var schedule = AwsInput.String(input, "ScheduleExpression");
        if (patternText is null && schedule is null)
            throw EventBridgeErrors.Validation("Parameter(s) EventPattern or ScheduleExpression must be specified.");
        EventPattern? pattern = null;
        if (patternText is not null)
        {
            try
            {
                pattern = EventPattern.Parse(patternText);
            }
            catch (EventPatternException e)
            {
                throw EventBridgeErrors.InvalidPattern(e.Message);
            }
        }

        if (schedule is not null)
        {
            if (bus != DefaultBus)
                throw EventBridgeErrors.Validation("ScheduleExpression is supported only on the default event bus.");
            if (!ScheduleExpression.TryParse(schedule, ScheduleExpressionDialect.EventBridgeRule, out _, out var scheduleError))
                throw EventBridgeErrors.Validation(scheduleError!);
        }

        var state = AwsInput.String(input, "State") ?? "ENABLED";
        if (Array.IndexOf(RuleStates, state) < 0)
            throw EventBridgeErrors.Validation($"1 validation error detected: Value '{state}' at 'state' failed to satisfy constraint: Member must satisfy enum value set: [{string.Join(", ", RuleStates)}]");
        var description = AwsInput.String(input, "Description");
        if (description is { Length: > 512 })
            throw EventBridgeErrors.Validation("1 validation error detected: Value at 'description' failed to satisfy constraint: Member must have length less than or equal to 512");

        var arn = RuleArn(bus, name);
        var json = new JObjectBuilder(9).AddUnique("Name", JValue.FromString(name)).AddUnique("Arn", JValue.FromString(arn));
        if (patternText is not null)
            json.AddUnique("EventPattern", JValue.FromString(patternText));
        if (schedule is not null)
            json.AddUnique("ScheduleExpression", JValue.FromString(schedule));
        json.AddUnique("State", JValue.FromString(state));
        if (description is not null)
            json.AddUnique("Description", JValue.FromString(description));
        if (AwsInput.String(input, "RoleArn") is { } role)
            json.AddUnique("RoleArn", JValue.FromString(role));
        json.AddUnique("EventBusName", JValue.FromString(bus));
        json.AddUnique("CreatedBy", JValue.FromString(_options.AccountId));

        var now = _options.TimeProvider.GetUtcNow().ToUnixTimeMilliseconds();
        await MutateRuleAsync(bus, name, existing => new EventRule(bus, name, json.Build(), pattern, existing?.Targets ?? [])
        {
            // An unchanged schedule of an enabled rule keeps counting from when it was put.
            ScheduleSince = schedule is null ? null
                : existing is { Enabled: true, ScheduleSince: { } since } && existing.Json["ScheduleExpression"] is JString was && was.Value == schedule && state != "DISABLED" ? since : now,
        }, ct).ConfigureAwait(false);
        return new JObjectBuilder(1).AddUnique("RuleArn", JValue.FromString(arn)).Build();
    }

    private JObject DescribeRule(JObject input)
    {
        var name = RuleName(input, "Name");
        return FindRule(ExistingBus(input), name).Json;
    }

    private JObject ListRules(JObject input)
    {
        var bus = ExistingBus(input);
        var prefix = AwsInput.String(input, "NamePrefix") ?? "";
        var (after, limit) = Paging(input);
        var rules = _rulesByBus.GetValueOrDefault(bus) ?? [];
        var names = rules.Where(r => r.Name.StartsWith(prefix, StringComparison.Ordinal) && string.CompareOrdinal(r.Name, after) > 0).ToList();
        return Page("Rules", names.Select(r => (r.Name, (JValue)r.Json)).ToList(), limit);
    }

    private ValueTask<JValue> SetRuleStateAsync(JObject input, string state, CancellationToken ct)
    {
        var name = RuleName(input, "Name");
        var bus = ExistingBus(input);
        var now = _options.TimeProvider.GetUtcNow().ToUnixTimeMilliseconds();
        return Done(MutateRuleAsync(bus, name, existing => (existing ?? throw RuleNotFound(name, bus)) with
        {
            Json = existing.Json.With("State", JValue.FromString(state)),
            // Enabling a disabled scheduled rule counts its rate from now.
            ScheduleSince = existing.ScheduleSince is { } since && (existing.Enabled || state == "DISABLED") ? since : existing.Json["ScheduleExpression"] is JString ? now : null,
        }, ct));
    }

    private async ValueTask<JValue> DeleteRuleAsync(JObject input, CancellationToken ct)
    {
        var name = RuleName(input, "Name");
        var bus = ExistingBus(input);
        await _ruleLock.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            // Deleting a rule that does not exist succeeds, as on AWS.
            if (!_rules.TryGetValue((bus, name), out var rule))
                return JObject.Empty;
            if (rule.Targets.Count > 0)
                throw EventBridgeErrors.Validation("Rule can't be deleted since it has targets.");
            await RuleStore.DeleteRuleAsync(bus, name, ct).ConfigureAwait(false);
            _rules.Remove((bus, name));
            RebuildRuleIndex();
        }
        finally
        {
            _ruleLock.Release();
        }

        return JObject.Empty;
    }

    private async ValueTask<JValue> PutTargetsAsync(JObject input, CancellationToken ct)
    {
        var name = RuleName(input, "Rule");
        var bus = ExistingBus(input);
        if (input["Targets"] is not JArray targets)
            throw EventBridgeErrors.Missing("Targets");
        if (targets.Count is 0 or > 10)
        {
            throw EventBridgeErrors.Validation(targets.Count == 0
                ? "1 validation error detected: Value '[]' at 'targets' failed to satisfy constraint: Member must have length greater than or equal to 1"
                : "1 validation error detected: Value at 'targets' failed to satisfy constraint: Member must have length less than or equal to 10");
        }

        var failed = new List<JValue>();
        var accepted = new List<JObject>();
        foreach (var t in targets)
        {
            var target = t as JObject ?? JObject.Empty;
            var id = AwsInput.String(target, "Id");
            if (id is null || id.Length is 0 or > 64 || !RuleNameRegex().IsMatch(id))
                throw EventBridgeErrors.Validation($"1 validation error detected: Value '{id}' at 'targets.1.member.id' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\.\\-_A-Za-z0-9]+");
            if (AwsInput.String(target, "Arn") is not { Length: > 0 })
                throw EventBridgeErrors.Validation("1 validation error detected: Value null at 'targets.1.member.arn' failed to satisfy constraint: Member must not be null");
            if (TargetProblem(target) is { } problem)
                failed.Add(new JObjectBuilder(3).AddUnique("TargetId", JValue.FromString(id)).AddUnique("ErrorCode", JValue.FromString("ValidationException")).AddUnique("ErrorMessage", JValue.FromString(problem)).Build());
            else
                accepted.Add(target);
        }

        await MutateRuleAsync(bus, name, existing =>
        {
            if (existing is null)
                throw RuleNotFound(name, bus);
            var merged = existing.Targets.Where(old => accepted.All(a => AwsInput.String(a, "Id") != AwsInput.String(old, "Id"))).Concat(accepted).ToList();
            if (merged.Count > MaxTargetsPerRule)
                throw new AwsServiceException("LimitExceededException", "The requested resource exceeds the maximum number allowed.");
            return existing with { Targets = merged };
        }, ct).ConfigureAwait(false);
        return new JObjectBuilder(2).AddUnique("FailedEntryCount", JValue.FromNumber(failed.Count)).AddUnique("FailedEntries", JArray.Create(failed)).Build();
    }

    /// <summary>Why EventBridge would refuse this target, or null.</summary>
    private static string? TargetProblem(JObject target)
    {
        var arn = AwsInput.String(target, "Arn")!;
        var parts = arn.Split(':', 6);
        if (parts.Length < 6 || parts[0] != "arn" || parts[2].Length == 0)
            return "Provided Arn is not in correct format.";
        var kinds = (target["Input"] is JString ? 1 : 0) + (target["InputPath"] is JString ? 1 : 0) + (target["InputTransformer"] is JObject ? 1 : 0);
        if (kinds > 1)
            return "Only one of Input, InputPath, or InputTransformer can be specified.";
        if (target["Input"] is JString input && !JsonText.TryParse(input.Value, out _, out _))
            return "Input is not valid JSON text.";
        if (target["InputPath"] is JString path && EventPath.Parse(path.Value) is null)
            return $"InputPath {path.Value} is not a valid JSON path.";
        if (target["InputTransformer"] is JObject transformer)
        {
            if (transformer["InputTemplate"] is not JString)
                return "InputTemplate is required in InputTransformer.";
            if (transformer["InputPathsMap"] is JObject map)
            {
                if (map.Count > 100)
                    return "InputPathsMap can have at most 100 entries.";
                foreach (var (key, value) in map)
                {
                    if (Array.IndexOf(Predefined, key) >= 0 || key.StartsWith("aws.", StringComparison.OrdinalIgnoreCase))
                        return $"InputPathsMap key {key} is reserved.";
                    if (value is not JString p || EventPath.Parse(p.Value) is null)
                        return $"InputPathsMap value for {key} is not a valid JSON path.";
                }
            }
        }

        if (target["RetryPolicy"] is JObject retry)
        {
            if (AwsInput.Int(retry, "MaximumRetryAttempts") is { } attempts && attempts is < 0 or > 185)
                return "MaximumRetryAttempts must be between 0 and 185.";
            if (AwsInput.Int(retry, "MaximumEventAgeInSeconds") is { } age && age is < 60 or > 86400)
                return "MaximumEventAgeInSeconds must be between 60 and 86400.";
        }

        if (target["DeadLetterConfig"] is JObject dlq && AwsInput.String(dlq, "Arn") is { } dlqArn && !dlqArn.StartsWith("arn:aws:sqs:", StringComparison.Ordinal))
            return "DeadLetterConfig Arn must be an SQS queue ARN.";
        return null;
    }

    private async ValueTask<JValue> RemoveTargetsAsync(JObject input, CancellationToken ct)
    {
        var name = RuleName(input, "Rule");
        var bus = ExistingBus(input);
        if (input["Ids"] is not JArray ids || ids.Count == 0)
            throw EventBridgeErrors.Missing("Ids");
        var remove = ids.OfType<JString>().Select(s => s.Value).ToHashSet(StringComparer.Ordinal);
        await MutateRuleAsync(bus, name, existing =>
        {
            if (existing is null)
                throw RuleNotFound(name, bus);
            return existing with { Targets = existing.Targets.Where(t => !remove.Contains(AwsInput.String(t, "Id") ?? "")).ToList() };
        }, ct).ConfigureAwait(false);
        return new JObjectBuilder(2).AddUnique("FailedEntryCount", JValue.FromNumber(0)).AddUnique("FailedEntries", JArray.Empty).Build();
    }

    private JObject ListTargetsByRule(JObject input)
    {
        var name = RuleName(input, "Rule");
        var rule = FindRule(ExistingBus(input), name);
        var (after, limit) = Paging(input);
        var targets = rule.Targets.Select(t => (Key: AwsInput.String(t, "Id") ?? "", Value: (JValue)t)).Where(t => string.CompareOrdinal(t.Key, after) > 0).OrderBy(t => t.Key, StringComparer.Ordinal).ToList();
        return Page("Targets", targets, limit);
    }

    private JObject ListRuleNamesByTarget(JObject input)
    {
        var targetArn = AwsInput.Required(input, "TargetArn", EventBridgeErrors.Missing);
        var bus = ExistingBus(input);
        var (after, limit) = Paging(input);
        var names = (_rulesByBus.GetValueOrDefault(bus) ?? [])
            .Where(r => string.CompareOrdinal(r.Name, after) > 0 && r.Targets.Any(t => AwsInput.String(t, "Arn") == targetArn))
            .Select(r => (r.Name, (JValue)JValue.FromString(r.Name))).ToList();
        return Page("RuleNames", names, limit);
    }

    private static (string After, int Limit) Paging(JObject input)
    {
        var limit = EventBridgePaging.Limit(input);
        var after = "";
        if (AwsInput.String(input, "NextToken") is { } token)
        {
            try
            {
                var text = Encoding.UTF8.GetString(Convert.FromBase64String(token));
                after = text.StartsWith("rule:", StringComparison.Ordinal) ? text[5..] : throw EventBridgeErrors.Validation("The NextToken provided is invalid.");
            }
            catch (FormatException)
            {
                throw EventBridgeErrors.Validation("The NextToken provided is invalid.");
            }
        }

        return (after, limit);
    }

    /// <summary>A page of items already in key order; a NextToken names the last key given.</summary>
    private static JObject Page(string member, List<(string Key, JValue Value)> items, int limit)
    {
        var output = new JObjectBuilder(2).AddUnique(member, JArray.Create(items.Take(limit).Select(i => i.Value)));
        if (items.Count > limit)
            output.AddUnique("NextToken", JValue.FromString(Convert.ToBase64String(Encoding.UTF8.GetBytes("rule:" + items[limit - 1].Key))));
        return output.Build();
    }

    private IEventRuleStore RuleStore => _ruleStore ?? throw new AwsServiceException("UnknownOperationException", "Rules are not enabled on this EventBridge.");

    /// <summary>Changes one rule under the lock, stores it, then publishes the new rule set to delivery.</summary>
    private async Task MutateRuleAsync(string bus, string name, Func<EventRule?, EventRule> change, CancellationToken ct)
    {
        var store = RuleStore;
        await _ruleLock.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            var updated = change(_rules.GetValueOrDefault((bus, name)));
            await store.PutRuleAsync(new EventRuleRecord { EventBusName = bus, Name = name, Json = updated.ToStoredJson() }, ct).ConfigureAwait(false);
            _rules[(bus, name)] = updated;
            RebuildRuleIndex();
        }
        finally
        {
            _ruleLock.Release();
        }
    }

    private void RebuildRuleIndex()
    {
        _rulesByBus = _rules.Values.GroupBy(r => r.Bus, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.OrderBy(r => r.Name, StringComparer.Ordinal).ToArray(), StringComparer.Ordinal);
        _scheduler?.Refresh();
    }

    private static async ValueTask<JValue> Done(Task task)
    {
        await task.ConfigureAwait(false);
        return JObject.Empty;
    }

    [GeneratedRegex(@"^[\.\-_A-Za-z0-9]+$")]
    private static partial Regex RuleNameRegex();

}
