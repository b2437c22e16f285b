using System.Text.Json.Nodes;
using Quickstep.Engine;
using Quickstep.Server.Hosting;
using Quickstep.Storage;

namespace Quickstep.Server.Api;

/// <summary>Create/Describe/Update/Delete/List state machines, Validate, and versions.</summary>
internal static class StateMachineOperations
{
    public static async Task<JsonObject> CreateAsync(ApiContext c, ApiRequest r, CancellationToken ct)
    {
        var name = Names.Require(r.RequiredString("name"));
        var definition = r.RequiredString("definition", 1_048_576);
        r.RequiredString("roleArn", 256); // required by the service model: no default role on create
        var roleArn = Definitions.RoleArn(r, c);
        var type = r.Enum("type", "STANDARD", "EXPRESS") ?? "STANDARD";
        if (type != "EXPRESS")
        {
            throw new ApiException("StateMachineTypeNotSupported",
                "Quickstep runs EXPRESS state machines only: set \"type\": \"EXPRESS\" (the API's default type is STANDARD, which Quickstep does not support yet).");
        }

        var logging = Definitions.Logging(r) ?? Definitions.DefaultLogging;
        var tracing = Definitions.Tracing(r) ?? Definitions.DefaultTracing;
        var tags = TagOperations.ReadTags(r.Array("tags"));
        var publish = r.Bool("publish") ?? false;
        var versionDescription = r.String("versionDescription", 256);
        if (versionDescription is not null && !publish)
            ApiErrors.Validation("Version description can only be set when publish is true");
        var machine = Definitions.Prepare(c, definition, name);

        var arn = c.Arns.StateMachine(name);
        var record = new StateMachineRecord
        {
            Arn = arn,
            Name = name,
            Definition = definition,
            RoleArn = roleArn,
            Type = type,
            LoggingConfiguration = logging,
            TracingConfiguration = tracing,
            RevisionId = c.NewId(),
            CreationDate = c.Now,
        };
        if (!await c.Store.TryCreateStateMachineAsync(record, tags, ct).ConfigureAwait(false))
        {
            // Idempotent on the same configuration (roleArn and tags are ignored), as AWS is.
            var existing = await c.RequireStateMachineAsync(arn, ct).ConfigureAwait(false);
            if (existing.Definition != definition || existing.LoggingConfiguration != logging || existing.TracingConfiguration != tracing || existing.Type != type)
                throw new ApiException("StateMachineAlreadyExists", $"State Machine Already Exists: '{arn}'");
            var same = new JsonObject { ["stateMachineArn"] = arn, ["creationDate"] = Dates.Epoch(existing.CreationDate) };
            return await PublishIfAskedAsync(c, same, publish, existing, versionDescription, ct).ConfigureAwait(false);
        }

        c.Executions.Keep(ExecutionService.Snapshot(record), machine);
        var response = new JsonObject { ["stateMachineArn"] = arn, ["creationDate"] = Dates.Epoch(record.CreationDate) };
        return await PublishIfAskedAsync(c, response, publish, record, versionDescription, ct, machine).ConfigureAwait(false);
    }

    /// <summary>With publish, publishes <paramref name="sm"/>'s revision and adds its stateMachineVersionArn to <paramref name="response"/>.</summary>
    private static async Task<JsonObject> PublishIfAskedAsync(ApiContext c, JsonObject response, bool publish, StateMachineRecord sm, string? description, CancellationToken ct, StateMachine? machine = null)
    {
        if (publish)
            response["stateMachineVersionArn"] = (await PublishAsync(c, sm, description, ct, machine).ConfigureAwait(false)).Arn;
        return response;
    }

    public static async Task<JsonObject> DescribeAsync(ApiContext c, ApiRequest r, CancellationToken ct)
    {
        var arn = r.RequiredString("stateMachineArn", 256);
        var target = Arns.ParseStateMachine(arn);
        var metadataOnly = r.Enum("includedData", "ALL_DATA", "METADATA_ONLY") == "METADATA_ONLY";
        if (target.Alias is not null)
            ApiErrors.InvalidArn(arn);
        var sm = await c.RequireStateMachineAsync(target.StateMachineArn, ct, arn).ConfigureAwait(false);
        if (target.Version is null)
        {
            var o = Describe(sm.Arn, sm.Name, metadataOnly ? "{}" : sm.Definition, sm.RoleArn, sm.LoggingConfiguration, sm.TracingConfiguration, sm.CreationDate, sm.RevisionId);
            return o;
        }

        var v = await c.Store.GetVersionAsync(target.Arn, ct).ConfigureAwait(false) ?? throw new ApiException("StateMachineDoesNotExist", $"State Machine Does Not Exist: '{arn}'");
        var d = Describe(v.Arn, sm.Name, metadataOnly ? "{}" : v.Definition, v.RoleArn, v.LoggingConfiguration, v.TracingConfiguration, v.CreationDate, v.RevisionId);
        if (v.Description is not null)
            d["description"] = v.Description;
        return d;
    }

    private static JsonObject Describe(string arn, string name, string definition, string roleArn, string logging, string tracing, DateTimeOffset created, string revision)
    {
        var o = new JsonObject
        {
            ["stateMachineArn"] = arn,
            ["name"] = name,
            ["status"] = "ACTIVE",
            ["definition"] = definition,
            ["roleArn"] = roleArn,
            ["type"] = "EXPRESS",
            ["creationDate"] = Dates.Epoch(created),
            ["loggingConfiguration"] = Definitions.Json(logging),
            ["tracingConfiguration"] = Definitions.Json(tracing),
            ["revisionId"] = revision,
        };
        AddVariableReferences(o, definition);
        return o;
    }

    /// <summary>variableReferences (state → variables it reads), only for machines that use variables, as AWS answers.</summary>
    public static void AddVariableReferences(JsonObject response, string definition)
    {
        var references = Engine.VariableReferences.Find(definition);
        if (references.Count == 0)
            return;
        var map = new JsonObject();
        foreach (var (state, names) in references)
            map[state] = new JsonArray([.. names.Select(n => (JsonNode)JsonValue.Create(n))]);
        response["variableReferences"] = map;
    }

    public static async Task<JsonObject> UpdateAsync(ApiContext c, ApiRequest r, CancellationToken ct)
    {
        var arn = r.RequiredString("stateMachineArn", 256);
        var target = Arns.ParseStateMachine(arn, allowQualifier: false);
        var definition = r.String("definition", 1_048_576);
        var role = r.String("roleArn") is null ? null : Definitions.RoleArn(r, c);
        var logging = Definitions.Logging(r);
        var tracing = Definitions.Tracing(r);
        var publish = r.Bool("publish") ?? false;
        var versionDescription = r.String("versionDescription", 256);
        if (definition is null && role is null && logging is null && tracing is null)
            throw new ApiException("MissingRequiredParameter", "Either the definition, the role ARN, the LoggingConfiguration, or the TracingConfiguration must be specified");
        if (versionDescription is not null && !publish)
            ApiErrors.Validation("Version description can only be set when publish is true");
        var machine = definition is null ? null : Definitions.Prepare(c, definition, target.StateMachineArn[(target.StateMachineArn.LastIndexOf(':') + 1)..]);
        var sm = await c.RequireStateMachineAsync(target.StateMachineArn, ct).ConfigureAwait(false);
        var updated = sm with
        {
            Definition = definition ?? sm.Definition,
            RoleArn = role ?? sm.RoleArn,
            LoggingConfiguration = logging ?? sm.LoggingConfiguration,
            TracingConfiguration = tracing ?? sm.TracingConfiguration,
            RevisionId = c.NewId(),
            UpdateDate = c.Now,
        };
        await c.Store.UpdateStateMachineAsync(updated, ct).ConfigureAwait(false);
        if (machine is not null)
            c.Executions.Keep(ExecutionService.Snapshot(updated), machine);
        var response = new JsonObject { ["updateDate"] = Dates.Epoch(updated.UpdateDate!.Value), ["revisionId"] = updated.RevisionId };
        return await PublishIfAskedAsync(c, response, publish, updated, versionDescription, ct, machine).ConfigureAwait(false);
    }

    public static async Task<JsonObject> DeleteAsync(ApiContext c, ApiRequest r, CancellationToken ct)
    {
        var arn = r.RequiredString("stateMachineArn", 256);
        var target = Arns.ParseStateMachine(arn);
        if (target.Version is not null || target.Alias is not null)
            ApiErrors.Validation($"Cannot delete a version or an alias with DeleteStateMachine: '{arn}'");
        // Deleting an unknown machine succeeds, as on AWS; running executions finish on their compiled plan.
        await c.Store.DeleteStateMachineAsync(target.StateMachineArn, ct).ConfigureAwait(false);
        return [];
    }

    public static async Task<JsonObject> ListAsync(ApiContext c, ApiRequest r, CancellationToken ct)
    {
        var page = Paging.Read(r, "ListStateMachines", "");
        var found = await c.Store.ListStateMachinesAsync(page.After, page.Limit, ct).ConfigureAwait(false);
        return Paging.Response(page, found, "stateMachines",
            sm => new JsonObject { ["stateMachineArn"] = sm.Arn, ["name"] = sm.Name, ["type"] = sm.Type, ["creationDate"] = Dates.Epoch(sm.CreationDate) });
    }

    public static Task<JsonObject> ValidateAsync(ApiContext c, ApiRequest r, CancellationToken ct)
    {
        var definition = r.RequiredString("definition", 1_048_576);
        var type = r.Enum("type", "STANDARD", "EXPRESS") ?? "STANDARD";
        var severity = r.Enum("severity", "ERROR", "WARNING") ?? "ERROR";
        var max = r.Int("maxResults", 0, 100) ?? 0;
        return Task.FromResult(Validate(c.Engine, definition, type, severity, max == 0 ? 100 : max));
    }

    /// <summary>ValidateStateMachineDefinition's answer from one load: the errors, then (severity WARNING) the warnings read from the same parsed model.</summary>
    public static JsonObject Validate(QuickstepEngine engine, string definition, string type, string severity, int max)
    {
        var loaded = engine.TryLoad(definition, "validate", type == "EXPRESS" ? StateMachineType.Express : StateMachineType.Standard);
        var diagnostics = new JsonArray();
        foreach (var d in loaded.Diagnostics.Take(max))
        {
            diagnostics.Add(new JsonObject
            {
                ["severity"] = "ERROR",
                ["code"] = Definitions.AwsCode(d),
                ["message"] = d.Message,
                ["location"] = Definitions.Location(d),
            });
        }

        // Warnings are answered only when asked for (severity WARNING), after the errors.
        var warnings = severity == "WARNING" && loaded.IsValid && loaded.Definition is { } model
            ? ResourceWarnings.Find(model, engine.Options.ResourceHandlers).ToList()
            : [];
        foreach (var (pointer, message) in warnings.Take(max - diagnostics.Count))
            diagnostics.Add(new JsonObject { ["severity"] = "WARNING", ["code"] = ResourceWarnings.Code, ["message"] = message, ["location"] = pointer });

        return new JsonObject
        {
            ["result"] = loaded.IsValid ? "OK" : "FAIL",
            ["diagnostics"] = diagnostics,
            ["truncated"] = loaded.Diagnostics.Count + warnings.Count > max,
        };
    }

    public static async Task<JsonObject> PublishVersionAsync(ApiContext c, ApiRequest r, CancellationToken ct)
    {
        var arn = r.RequiredString("stateMachineArn", 256);
        var target = Arns.ParseStateMachine(arn, allowQualifier: false);
        var revision = r.String("revisionId", 256);
        var description = r.String("description", 256);
        var sm = await c.RequireStateMachineAsync(target.StateMachineArn, ct).ConfigureAwait(false);
        var current = sm.UpdateDate is null && revision == "INITIAL" ? "INITIAL" : sm.RevisionId;
        if (revision is not null && revision != current)
        {
            throw new ApiException("ConflictException",
                $"Failed to publish the State Machine version for revision {revision}. The current State Machine revision is {sm.RevisionId}.", 409);
        }

        var v = await PublishAsync(c, sm, description, ct).ConfigureAwait(false);
        return new JsonObject { ["creationDate"] = Dates.Epoch(v.CreationDate), ["stateMachineVersionArn"] = v.Arn };
    }

    /// <summary>Publishes the machine's current revision, or returns the version that already holds it (idempotent per revision).</summary>
    /// <param name="machine">The revision's compiled machine when the caller has it (create, update), kept for the version too.</param>
    private static async Task<StateMachineVersionRecord> PublishAsync(ApiContext c, StateMachineRecord sm, string? description, CancellationToken ct, StateMachine? machine = null)
    {
        var latest = (await c.Store.ListVersionsAsync(sm.Arn, null, 1, ct).ConfigureAwait(false)).Items is [var first, ..] ? first : null;
        if (latest is not null && latest.RevisionId == sm.RevisionId)
            return latest;
        var number = (latest?.Version ?? 0) + 1;
        if (number > 1000)
            throw new ApiException("ServiceQuotaExceededException", "The maximum number of versions (1000) has been reached.", 402);
        var v = new StateMachineVersionRecord
        {
            Arn = Arns.Version(sm.Arn, number),
            StateMachineArn = sm.Arn,
            Version = number,
            Definition = sm.Definition,
            RoleArn = sm.RoleArn,
            LoggingConfiguration = sm.LoggingConfiguration,
            TracingConfiguration = sm.TracingConfiguration,
            RevisionId = sm.RevisionId,
            Description = description,
            CreationDate = c.Now,
        };
        await c.Store.AddVersionAsync(v, ct).ConfigureAwait(false);
        if (machine is not null)
            c.Executions.Keep(ExecutionService.Snapshot(v, sm.Name), machine);
        return v;
    }

    public static async Task<JsonObject> ListVersionsAsync(ApiContext c, ApiRequest r, CancellationToken ct)
    {
        var arn = r.RequiredString("stateMachineArn", 256);
        var target = Arns.ParseStateMachine(arn, allowQualifier: false);
        var page = Paging.Read(r, "ListStateMachineVersions", arn);
        // The operation declares no StateMachineDoesNotExist: an unknown machine has no versions.
        var found = await c.Store.ListVersionsAsync(target.StateMachineArn, page.After, page.Limit, ct).ConfigureAwait(false);
        return Paging.Response(page, found, "stateMachineVersions",
            v => new JsonObject { ["stateMachineVersionArn"] = v.Arn, ["creationDate"] = Dates.Epoch(v.CreationDate) });
    }

    public static async Task<JsonObject> DeleteVersionAsync(ApiContext c, ApiRequest r, CancellationToken ct)
    {
        var arn = r.RequiredString("stateMachineVersionArn", 256);
        var target = Arns.ParseStateMachine(arn);
        if (target.Version is null)
            ApiErrors.InvalidArn(arn);
        var aliases = (await c.Store.ListAliasesAsync(target.StateMachineArn, null, 1000, ct).ConfigureAwait(false)).Items;
        if (aliases.Any(a => a.RoutingConfiguration.Any(e => e.StateMachineVersionArn == arn)))
            throw new ApiException("ConflictException", $"Version to be deleted must not be referenced by an alias. Current list of aliases referencing this version: [{string.Join(", ", aliases.Where(a => a.RoutingConfiguration.Any(e => e.StateMachineVersionArn == arn)).Select(a => a.Name))}]", 409);
        await c.Store.DeleteVersionAsync(arn, ct).ConfigureAwait(false);
        return [];
    }
}
