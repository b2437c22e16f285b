using System.Text.Json;
using System.Text.Json.Nodes;
using Quickstep.Storage;

namespace Quickstep.Server.Api;

/// <summary>TagResource, UntagResource, ListTagsForResource on state machines, versions and aliases.</summary>
internal static class TagOperations
{
    private const int MaxTags = 50;

    public static async Task<JsonObject> TagAsync(ApiContext c, ApiRequest r, CancellationToken ct)
    {
        var arn = await RequireResourceAsync(c, r.RequiredString("resourceArn", 256), ct).ConfigureAwait(false);
        var tags = ReadTags(r.Array("tags") ?? throw new ApiException("ValidationException", "1 validation error detected: Value null at 'tags' failed to satisfy constraint: Member must not be null"));
        var existing = await c.Store.GetTagsAsync(arn, ct).ConfigureAwait(false);
        if (existing.Select(t => t.Key).Union(tags.Select(t => t.Key), StringComparer.Ordinal).Count() > MaxTags)
            throw new ApiException("TooManyTags", $"Too many tags: a resource can have at most {MaxTags} tags: '{arn}'");
        await c.Store.SetTagsAsync(arn, tags, ct).ConfigureAwait(false);
        return [];
    }

    public static async Task<JsonObject> UntagAsync(ApiContext c, ApiRequest r, CancellationToken ct)
    {
        var arn = await RequireResourceAsync(c, r.RequiredString("resourceArn", 256), ct).ConfigureAwait(false);
        var keys = new List<string>();
        foreach (var k in (r.Array("tagKeys") ?? throw new ApiException("ValidationException", "1 validation error detected: Value null at 'tagKeys' failed to satisfy constraint: Member must not be null")).EnumerateArray())
        {
            if (k.ValueKind != JsonValueKind.String)
                ApiErrors.Validation("1 validation error detected: Value at 'tagKeys' failed to satisfy constraint: Member must be a list of strings");
            keys.Add(k.GetString()!);
        }

        await c.Store.RemoveTagsAsync(arn, keys, ct).ConfigureAwait(false);
        return [];
    }

    public static async Task<JsonObject> ListAsync(ApiContext c, ApiRequest r, CancellationToken ct)
    {
        var arn = await RequireResourceAsync(c, r.RequiredString("resourceArn", 256), ct).ConfigureAwait(false);
        var tags = new JsonArray();
        foreach (var t in await c.Store.GetTagsAsync(arn, ct).ConfigureAwait(false))
            tags.Add(new JsonObject { ["key"] = t.Key, ["value"] = t.Value });
        return new JsonObject { ["tags"] = tags };
    }

    public static IReadOnlyList<ResourceTag> ReadTags(JsonElement? list)
    {
        if (list is not { } l)
            return [];
        var tags = new List<ResourceTag>();
        foreach (var item in l.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Object)
                ApiErrors.Validation("1 validation error detected: Value at 'tags' failed to satisfy constraint: Member must be a list of structures");
            var key = ApiRequest.StringOf(item, "key", 128, 1) ?? throw new ApiException("ValidationException", "1 validation error detected: Value null at 'tags.member.key' failed to satisfy constraint: Member must not be null");
            var value = ApiRequest.StringOf(item, "value", 256) ?? string.Empty;
            if (key.StartsWith("aws:", StringComparison.OrdinalIgnoreCase))
                ApiErrors.Validation($"Tag keys beginning with 'aws:' are reserved: '{key}'");
            tags.Add(new ResourceTag(key, value));
        }

        if (tags.Count > MaxTags)
            throw new ApiException("TooManyTags", $"Too many tags: a resource can have at most {MaxTags} tags");
        return tags;
    }

    private static async Task<string> RequireResourceAsync(ApiContext c, string arn, CancellationToken ct)
    {
        var target = Arns.ParseStateMachine(arn);
        var exists = target switch
        {
            { Version: not null } => await c.Store.GetVersionAsync(arn, ct).ConfigureAwait(false) is not null,
            { Alias: not null } => await c.Store.GetAliasAsync(arn, ct).ConfigureAwait(false) is not null,
            _ => await c.Store.GetStateMachineAsync(arn, ct).ConfigureAwait(false) is not null,
        };
        if (!exists)
            ApiErrors.ResourceNotFound(arn);
        return arn;
    }
}
