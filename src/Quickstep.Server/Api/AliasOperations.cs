using System.Text.Json;
using System.Text.Json.Nodes;
using Quickstep.Storage;

namespace Quickstep.Server.Api;

/// <summary>State machine aliases: named, weighted routing to one or two versions.</summary>
internal static class AliasOperations
{
    public static async Task<JsonObject> CreateAsync(ApiContext c, ApiRequest r, CancellationToken ct)
    {
        var name = r.RequiredString("name", 80);
        if (!Names.IsValidAlias(name))
            ApiErrors.InvalidName(name);
        var description = r.String("description", 256);
        var routing = await ReadRoutingAsync(c, r, required: true, ct).ConfigureAwait(false);
        var smArn = Arns.ParseStateMachine(routing![0].StateMachineVersionArn).StateMachineArn;
        var now = c.Now;
        var alias = new StateMachineAliasRecord
        {
            Arn = Arns.Alias(smArn, name),
            StateMachineArn = smArn,
            Name = name,
            Description = description,
            RoutingConfiguration = routing,
            CreationDate = now,
            UpdateDate = now,
        };
        if (!await c.Store.TryCreateAliasAsync(alias, ct).ConfigureAwait(false))
        {
            var existing = (await c.Store.GetAliasAsync(alias.Arn, ct).ConfigureAwait(false))!;
            if (existing.Description != description || !existing.RoutingConfiguration.SequenceEqual(routing))
                throw new ApiException("ConflictException", $"Failed to create alias because an alias with the same name and a different routing configuration already exists: '{alias.Arn}'", 409);
            alias = existing;
        }

        return new JsonObject { ["stateMachineAliasArn"] = alias.Arn, ["creationDate"] = Dates.Epoch(alias.CreationDate) };
    }

    public static async Task<JsonObject> DescribeAsync(ApiContext c, ApiRequest r, CancellationToken ct)
    {
        var alias = await RequireAsync(c, r.RequiredString("stateMachineAliasArn", 256), ct).ConfigureAwait(false);
        var o = new JsonObject { ["stateMachineAliasArn"] = alias.Arn, ["name"] = alias.Name };
        if (alias.Description is not null)
            o["description"] = alias.Description;
        var routing = new JsonArray();
        foreach (var e in alias.RoutingConfiguration)
            routing.Add(new JsonObject { ["stateMachineVersionArn"] = e.StateMachineVersionArn, ["weight"] = e.Weight });
        o["routingConfiguration"] = routing;
        o["creationDate"] = Dates.Epoch(alias.CreationDate);
        o["updateDate"] = Dates.Epoch(alias.UpdateDate);
        return o;
    }

    public static async Task<JsonObject> UpdateAsync(ApiContext c, ApiRequest r, CancellationToken ct)
    {
        var alias = await RequireAsync(c, r.RequiredString("stateMachineAliasArn", 256), ct).ConfigureAwait(false);
        var description = r.String("description", 256);
        var routing = await ReadRoutingAsync(c, r, required: false, ct).ConfigureAwait(false);
        if (description is null && routing is null)
            throw new ApiException("ValidationException", "Either the description or the RoutingConfiguration must be specified");
        if (routing is not null && routing.Any(e => Arns.ParseStateMachine(e.StateMachineVersionArn).StateMachineArn != alias.StateMachineArn))
            throw new ApiException("ValidationException", "Routing configuration must contain versions of the alias's state machine");
        var updated = alias with { Description = description ?? alias.Description, RoutingConfiguration = routing ?? alias.RoutingConfiguration, UpdateDate = c.Now };
        await c.Store.UpdateAliasAsync(updated, ct).ConfigureAwait(false);
        return new JsonObject { ["updateDate"] = Dates.Epoch(updated.UpdateDate) };
    }

    public static async Task<JsonObject> DeleteAsync(ApiContext c, ApiRequest r, CancellationToken ct)
    {
        var arn = r.RequiredString("stateMachineAliasArn", 256);
        var target = Arns.ParseStateMachine(arn);
        if (target.Alias is null)
            ApiErrors.InvalidArn(arn);
        await c.Store.DeleteAliasAsync(arn, ct).ConfigureAwait(false);
        return [];
    }

    public static async Task<JsonObject> ListAsync(ApiContext c, ApiRequest r, CancellationToken ct)
    {
        var arn = r.RequiredString("stateMachineArn", 256);
        var target = Arns.ParseStateMachine(arn, allowQualifier: false);
        var page = Paging.Read(r, "ListStateMachineAliases", arn);
        await c.RequireStateMachineAsync(target.StateMachineArn, ct).ConfigureAwait(false);
        var found = await c.Store.ListAliasesAsync(target.StateMachineArn, page.After, page.Limit, ct).ConfigureAwait(false);
        return Paging.Response(page, found, "stateMachineAliases",
            a => new JsonObject { ["stateMachineAliasArn"] = a.Arn, ["creationDate"] = Dates.Epoch(a.CreationDate) });
    }

    /// <summary>Picks a version of an alias by weight.</summary>
    public static string PickVersion(StateMachineAliasRecord alias, double random)
    {
        var point = random * 100;
        var sum = 0.0;
        foreach (var e in alias.RoutingConfiguration)
        {
            sum += e.Weight;
            if (point < sum)
                return e.StateMachineVersionArn;
        }

        return alias.RoutingConfiguration.Last(e => e.Weight > 0).StateMachineVersionArn;
    }

    private static async Task<StateMachineAliasRecord> RequireAsync(ApiContext c, string arn, CancellationToken ct)
    {
        var target = Arns.ParseStateMachine(arn);
        if (target.Alias is null)
            ApiErrors.InvalidArn(arn);
        return await c.Store.GetAliasAsync(arn, ct).ConfigureAwait(false) ?? throw new ApiException("ResourceNotFound", $"Resource not found: '{arn}'");
    }

    private static async Task<IReadOnlyList<RoutingEntry>?> ReadRoutingAsync(ApiContext c, ApiRequest r, bool required, CancellationToken ct)
    {
        if (r.Array("routingConfiguration") is not { } list)
        {
            if (required)
                ApiErrors.Missing("routingConfiguration");
            return null;
        }

        var entries = new List<RoutingEntry>();
        foreach (var item in list.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Object)
                ApiErrors.Validation("1 validation error detected: Value at 'routingConfiguration' failed to satisfy constraint: Member must be a list of structures");
            var versionArn = ApiRequest.StringOf(item, "stateMachineVersionArn", 256) ?? throw new ApiException("ValidationException", "1 validation error detected: Value null at 'routingConfiguration.member.stateMachineVersionArn' failed to satisfy constraint: Member must not be null");
            if (!item.TryGetProperty("weight", out var w) || w.ValueKind != JsonValueKind.Number || !w.TryGetInt32(out var weight) || weight is < 0 or > 100)
                throw new ApiException("ValidationException", "1 validation error detected: Value at 'routingConfiguration.member.weight' failed to satisfy constraint: Member must be an integer between 0 and 100");
            if (Arns.ParseStateMachine(versionArn).Version is null)
                ApiErrors.InvalidArn(versionArn);
            if (await c.Store.GetVersionAsync(versionArn, ct).ConfigureAwait(false) is null)
                ApiErrors.ResourceNotFound(versionArn);
            entries.Add(new RoutingEntry(versionArn, weight));
        }

        if (entries.Count is < 1 or > 2 || entries.Sum(e => e.Weight) != 100 || entries.Select(e => e.StateMachineVersionArn).Distinct().Count() != entries.Count
            || entries.Select(e => Arns.ParseStateMachine(e.StateMachineVersionArn).StateMachineArn).Distinct().Count() != 1)
        {
            throw new ApiException("ValidationException",
                "Routing configuration must contain one or two distinct versions of one state machine, with weights that sum to 100");
        }

        return entries;
    }
}
