using System.Text;
using System.Text.Json.Nodes;
using Quickstep.Engine;
using Quickstep.Json;
using Quickstep.Server.Hosting;
using Quickstep.Storage;

namespace Quickstep.Server.Api;

/// <summary>
/// StartExecution (async, durable, at least once), StartSyncExecution (at most once), StopExecution and
/// the execution queries. AWS refuses Describe/List/GetExecutionHistory for Express executions;
/// Quickstep serves them, so that users can see what ran.
/// </summary>
internal static class ExecutionOperations
{
    private const int MaxInputBytes = 262_144;

    /// <summary>The service model's ExecutionStatus values, in its order.</summary>
    private static readonly string[] StatusFilters = [.. ExecutionStatusNames.All.Select(s => s.ToApiName()), "PENDING_REDRIVE"];

    public static async Task<JsonObject> StartAsync(ApiContext c, ApiRequest r, CancellationToken ct)
    {
        var (execution, machine, input, named) = await PrepareAsync(c, r, sync: false, ct).ConfigureAwait(false);
        // A bounded queue: past it the caller is throttled (the SDKs back off and retry) instead of queueing without bound.
        if (c.Executions.QueueFull)
            throw new ApiException("ThrottlingException", "Rate exceeded: too many executions wait for a worker (QuickstepServerOptions.MaxQueuedExecutions).");
        if (named && await FindRunningAsync(c, execution, ct).ConfigureAwait(false) is { } same)
            return new JsonObject { ["executionArn"] = same.Arn, ["startDate"] = Dates.Epoch(same.StartDate) };
        // Durable before the caller hears "accepted" (at least once).
        await c.Store.TryInsertExecutionAsync(execution, enqueue: true, ct).ConfigureAwait(false);
        c.Executions.Enqueue(execution, machine, input);
        return new JsonObject { ["executionArn"] = execution.Arn, ["startDate"] = Dates.Epoch(execution.StartDate) };
    }

    public static async Task<JsonObject> StartSyncAsync(ApiContext c, ApiRequest r, CancellationToken ct)
    {
        var metadataOnly = r.Enum("includedData", "ALL_DATA", "METADATA_ONLY") == "METADATA_ONLY";
        var (execution, machine, input, named) = await PrepareAsync(c, r, sync: true, ct).ConfigureAwait(false);
        if (!c.Executions.TryEnterSync(execution.StateMachineArn))
            throw new ApiException("ThrottlingException", "Rate exceeded: too many synchronous executions of this state machine run at once (QuickstepServerOptions.MaxSyncExecutionsPerStateMachine).");
        try
        {
            return await RunSyncAsync(c, execution, machine, input, named, metadataOnly, ct).ConfigureAwait(false);
        }
        finally
        {
            c.Executions.ExitSync(execution.StateMachineArn);
        }
    }

    private static async Task<JsonObject> RunSyncAsync(ApiContext c, ExecutionRecord execution, MachineSnapshot machine, JValue input, bool named, bool metadataOnly, CancellationToken ct)
    {
        ExecutionRecord final;
        if (named)
        {
            // A name in use must be seen by the next start with the same name: stored before it runs.
            if (await FindRunningAsync(c, execution, ct).ConfigureAwait(false) is { } same)
                throw new ApiException("ExecutionAlreadyExists", $"Execution Already Exists: '{same.Arn}'");
            await c.Store.TryInsertExecutionAsync(execution, enqueue: false, ct).ConfigureAwait(false);
            final = await c.Executions.RunSyncAsync(execution, machine, input).ConfigureAwait(false);
        }
        else
        {
            // A generated name cannot collide: the RUNNING record is written behind while the execution runs
            // (the store writes in order, so the final record lands after it, often merged into one insert). The
            // final record is committed before the answer (ExecutionService.RunAsync), so a 200 survives a crash.
            var inserted = c.Store.InsertExecutionBehindAsync(execution, c.Executions.WriteFailed);
            final = await c.Executions.RunSyncAsync(execution, machine, input).ConfigureAwait(false);
            await inserted.ConfigureAwait(false); // completed, unless the store is too far behind (backpressure)
        }

        var o = new JsonObject
        {
            ["executionArn"] = final.Arn,
            ["stateMachineArn"] = final.StateMachineArn,
            ["name"] = final.Name,
            ["startDate"] = Dates.Epoch(final.StartDate),
            ["stopDate"] = Dates.Epoch(final.StopDate ?? c.Now),
            ["status"] = (final.Status is ExecutionStatus.Succeeded or ExecutionStatus.TimedOut ? final.Status : ExecutionStatus.Failed).ToApiName(),
        };
        if (final.Error is not null)
            o["error"] = final.Error;
        if (final.Cause is not null)
            o["cause"] = final.Cause;
        AddData(o, final, metadataOnly);
        if (final.TraceHeader is not null)
            o["traceHeader"] = final.TraceHeader;
        o["billingDetails"] = new JsonObject
        {
            ["billedMemoryUsedInMB"] = final.BilledMemoryMegabytes,
            ["billedDurationInMilliseconds"] = final.BilledDurationMilliseconds,
        };
        return o;
    }

    /// <summary>
    /// Quickstep keeps AWS Standard's name rule for named executions: a name that is running with the same
    /// input returns that execution (StartExecution), any other use raises ExecutionAlreadyExists.
    /// Finished names may be reused (Express keeps no name index).
    /// </summary>
    private static async Task<ExecutionRecord?> FindRunningAsync(ApiContext c, ExecutionRecord execution, CancellationToken ct)
    {
        var running = await c.Store.FindExecutionsAsync(execution.StateMachineArn, execution.Name, ExecutionStatus.Running, ct).ConfigureAwait(false);
        if (running.Count == 0)
            return null;
        var same = running.FirstOrDefault(e => e.Input == execution.Input && !e.Sync && !execution.Sync && e.StateMachineVersionArn == execution.StateMachineVersionArn);
        return same ?? throw new ApiException("ExecutionAlreadyExists", $"Execution Already Exists: '{running[0].Arn}'");
    }

    /// <summary>
    /// The execution to start, its machine and its input parsed (once: validated here, run as it is);
    /// <c>Named</c> is false when the name was generated (unique by construction).
    /// </summary>
    private static async Task<(ExecutionRecord Execution, MachineSnapshot Machine, JValue Input, bool Named)> PrepareAsync(ApiContext c, ApiRequest r, bool sync, CancellationToken ct)
    {
        var arn = r.RequiredString("stateMachineArn", 256);
        var target = Arns.ParseStateMachine(arn);
        var name = r.String("name");
        if (name is not null)
            Names.Require(name);
        var input = r.String("input") ?? "{}";
        if (Encoding.UTF8.GetByteCount(input) > MaxInputBytes)
            ApiErrors.Validation($"1 validation error detected: Value at 'input' failed to satisfy constraint: Member must have length less than or equal to {MaxInputBytes}");
        var traceHeader = r.String("traceHeader", 256);
        JValue parsed;
        try
        {
            parsed = JsonText.Parse(input);
        }
        catch (JsonTextException e)
        {
            throw new ApiException("InvalidExecutionInput", $"Invalid State Machine Execution Input: '{e.Message}'");
        }

        var sm = await c.RequireStateMachineAsync(target.StateMachineArn, ct, arn).ConfigureAwait(false);
        MachineSnapshot machine;
        string? aliasArn = null;
        if (target.Alias is not null)
        {
            var alias = await c.Store.GetAliasAsync(target.Arn, ct).ConfigureAwait(false) ?? throw new ApiException("StateMachineDoesNotExist", $"State Machine Does Not Exist: '{arn}'");
            aliasArn = alias.Arn;
            var versionArn = AliasOperations.PickVersion(alias, c.Options.Random());
            var v = await c.Store.GetVersionAsync(versionArn, ct).ConfigureAwait(false) ?? throw new ApiException("StateMachineDoesNotExist", $"State Machine Does Not Exist: '{versionArn}'");
            machine = ExecutionService.Snapshot(v, sm.Name);
        }
        else if (target.Version is not null)
        {
            var v = await c.Store.GetVersionAsync(target.Arn, ct).ConfigureAwait(false) ?? throw new ApiException("StateMachineDoesNotExist", $"State Machine Does Not Exist: '{arn}'");
            machine = ExecutionService.Snapshot(v, sm.Name);
        }
        else
        {
            machine = ExecutionService.Snapshot(sm);
        }

        var named = name is not null;
        name ??= c.NewId();
        var execution = new ExecutionRecord
        {
            Arn = c.Arns.ExpressExecution(sm.Name, name, c.Options.NewId()),
            StateMachineArn = sm.Arn,
            StateMachineVersionArn = machine.VersionArn,
            StateMachineAliasArn = aliasArn,
            Name = name,
            Status = ExecutionStatus.Running,
            Input = input,
            TraceHeader = traceHeader,
            StartDate = c.Now,
            Sync = sync,
        };
        return (execution, machine, parsed, named);
    }

    public static async Task<JsonObject> StopAsync(ApiContext c, ApiRequest r, CancellationToken ct)
    {
        var arn = r.RequiredString("executionArn", 2048);
        var error = r.String("error", 256);
        var cause = r.String("cause", 32_768);
        var execution = await c.RequireExecutionAsync(arn, ct).ConfigureAwait(false);
        if (execution.Status != ExecutionStatus.Running)
            return new JsonObject { ["stopDate"] = Dates.Epoch(execution.StopDate ?? c.Now) };
        if (c.Executions.Running(arn) is { } running)
        {
            // A direct signal to the running execution (through the engine); its final record comes back when it ends.
            running.Stop.Request(error, cause);
            try
            {
                var final = await running.Finished.WaitAsync(ct).ConfigureAwait(false);
                return new JsonObject { ["stopDate"] = Dates.Epoch(final.StopDate ?? c.Now) };
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested)
            {
                // The host shut down while it stopped: it ended without a record.
                return new JsonObject { ["stopDate"] = Dates.Epoch(c.Now) };
            }
        }

        // Not running in this process: accepted here and not started yet (it ends here and the worker will skip it), or
        // with a shared store run by another node (its record ends ABORTED if still RUNNING; that node stops its run).
        var stopped = await c.Executions.StopQueuedAsync(execution, error, cause).ConfigureAwait(false);
        return new JsonObject { ["stopDate"] = Dates.Epoch(stopped.StopDate!.Value) };
    }

    public static async Task<JsonObject> DescribeAsync(ApiContext c, ApiRequest r, CancellationToken ct)
    {
        var metadataOnly = r.Enum("includedData", "ALL_DATA", "METADATA_ONLY") == "METADATA_ONLY";
        var e = await c.RequireExecutionAsync(r.RequiredString("executionArn", 2048), ct).ConfigureAwait(false);
        var o = Summary(e);
        AddData(o, e, metadataOnly);
        if (e.TraceHeader is not null)
            o["traceHeader"] = e.TraceHeader;
        if (e.Error is not null)
            o["error"] = e.Error;
        if (e.Cause is not null)
            o["cause"] = e.Cause;
        if (e.StateMachineVersionArn is not null)
            o["stateMachineVersionArn"] = e.StateMachineVersionArn;
        if (e.StateMachineAliasArn is not null)
            o["stateMachineAliasArn"] = e.StateMachineAliasArn;
        o["redriveCount"] = 0;
        o["redriveStatus"] = "NOT_REDRIVABLE";
        o["redriveStatusReason"] = "Express executions cannot be redriven";
        return o;
    }

    public static async Task<JsonObject> ListAsync(ApiContext c, ApiRequest r, CancellationToken ct)
    {
        var arn = r.String("stateMachineArn", 256);
        if (r.String("mapRunArn", 2000) is not null)
            ApiErrors.Validation("Quickstep does not run Distributed Map runs: mapRunArn is not supported");
        if (arn is null)
            ApiErrors.Missing("stateMachineArn");
        var target = Arns.ParseStateMachine(arn);
        var statusName = r.Enum("statusFilter", StatusFilters);
        var redrive = r.Enum("redriveFilter", "REDRIVEN", "NOT_REDRIVEN");
        var page = Paging.Read(r, "ListExecutions", $"{arn}\n{statusName}\n{redrive}", maxTokenLength: 3096);
        await c.RequireStateMachineAsync(target.StateMachineArn, ct, arn).ConfigureAwait(false);
        // A version or alias ARN lists the executions started with that version or through that alias (the API reference of ListExecutions).
        var qualified = target.Version is not null || target.Alias is not null;
        if (target.Version is not null && await c.Store.GetVersionAsync(target.Arn, ct).ConfigureAwait(false) is null)
            ApiErrors.ResourceNotFound(arn);
        if (target.Alias is not null && await c.Store.GetAliasAsync(target.Arn, ct).ConfigureAwait(false) is null)
            ApiErrors.ResourceNotFound(arn);
        // Express executions are never redriven, and none is PENDING_REDRIVE: those filters match nothing.
        var none = redrive == "REDRIVEN" || statusName == "PENDING_REDRIVE";
        var status = statusName is null ? (ExecutionStatus?)null : ExecutionStatusNames.Parse(statusName);
        var found = none
            ? new StorePage<ExecutionRecord>([], null)
            : qualified
                ? await c.Store.ListExecutionsOfAsync(target.StateMachineArn, target.Arn, status, page.After, page.Limit, ct).ConfigureAwait(false)
                : await c.Store.ListExecutionsAsync(target.StateMachineArn, status, page.After, page.Limit, ct).ConfigureAwait(false);
        return Paging.Response(page, found, "executions", ListItem);
    }

    /// <summary>What DescribeExecution and ListExecutions both start with: the names, the status and the dates.</summary>
    private static JsonObject Summary(ExecutionRecord e)
    {
        var o = new JsonObject
        {
            ["executionArn"] = e.Arn,
            ["stateMachineArn"] = e.StateMachineArn,
            ["name"] = e.Name,
            ["status"] = e.Status.ToApiName(),
            ["startDate"] = Dates.Epoch(e.StartDate),
        };
        if (e.StopDate is { } stop)
            o["stopDate"] = Dates.Epoch(stop);
        return o;
    }

    private static JsonObject ListItem(ExecutionRecord e)
    {
        var item = Summary(e);
        if (e.StateMachineVersionArn is not null)
            item["stateMachineVersionArn"] = e.StateMachineVersionArn;
        if (e.StateMachineAliasArn is not null)
            item["stateMachineAliasArn"] = e.StateMachineAliasArn;
        item["redriveCount"] = 0;
        return item;
    }

    public static async Task<JsonObject> HistoryAsync(ApiContext c, ApiRequest r, CancellationToken ct)
    {
        var arn = r.RequiredString("executionArn", 2048);
        var reverse = r.Bool("reverseOrder") ?? false;
        var includeData = r.Bool("includeExecutionData") ?? true;
        var page = Paging.Read(r, "GetExecutionHistory", $"{arn}\n{reverse}");
        var execution = await c.RequireExecutionAsync(arn, ct).ConfigureAwait(false);
        // Keyset by event id: events added while an execution runs do not shift the next page.
        long? after = page.After is null ? null : long.TryParse(page.After, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id) ? id : 0;
        List<HistoryRecord> rest;
        if (execution.Status == ExecutionStatus.Running)
        {
            var all = c.Executions.Running(arn)?.Sink.Snapshot().Select(e => new HistoryRecord(e.Id, HistoryJson.ToJson(e))).ToList() ?? [];
            var ordered = reverse ? all.OrderByDescending(h => h.Id) : all.OrderBy(h => h.Id);
            rest = [.. ordered.Where(h => after is null || (reverse ? h.Id < after : h.Id > after)).Take(page.Limit + 1)];
        }
        else
        {
            // One page read from the store (plus one event that says whether more follow), not the whole history.
            rest = [.. await c.Store.GetHistoryPageAsync(arn, after, page.Limit + 1, reverse, ct).ConfigureAwait(false)];
        }

        var events = new JsonArray();
        foreach (var h in rest.Take(page.Limit))
        {
            var node = JsonNode.Parse(h.Json)!.AsObject();
            if (!includeData)
                StripData(node);
            events.Add(node);
        }

        var response = new JsonObject { ["events"] = events };
        if (rest.Count > page.Limit && Paging.Token(page, rest[page.Limit - 1].Id.ToString(System.Globalization.CultureInfo.InvariantCulture)) is { } next)
            response["nextToken"] = next;
        return response;
    }

    /// <summary>The input and output (unless <c>includedData</c> is METADATA_ONLY) with their details; AWS gives outputDetails only with an output (a SUCCEEDED execution).</summary>
    private static void AddData(JsonObject o, ExecutionRecord e, bool metadataOnly)
    {
        if (!metadataOnly)
            o["input"] = e.Input;
        o["inputDetails"] = new JsonObject { ["included"] = !metadataOnly };
        if (e.Output is not null)
        {
            if (!metadataOnly)
                o["output"] = e.Output;
            o["outputDetails"] = new JsonObject { ["included"] = !metadataOnly };
        }
    }

    private static void StripData(JsonObject e)
    {
        foreach (var (_, value) in e)
        {
            if (value is JsonObject details)
            {
                details.Remove("input");
                details.Remove("output");
            }
        }
    }

    public static async Task<JsonObject> DescribeStateMachineForAsync(ApiContext c, ApiRequest r, CancellationToken ct)
    {
        var execution = await c.RequireExecutionAsync(r.RequiredString("executionArn", 2048), ct).ConfigureAwait(false);
        // The operation declares no StateMachineDoesNotExist: an execution still describes the machine it ran,
        // also after that machine was deleted (kept by the store as long as the execution is).
        var sm = await c.Store.GetStateMachineAsync(execution.StateMachineArn, ct).ConfigureAwait(false)
            ?? await c.Store.GetRetiredStateMachineAsync(execution.StateMachineArn, ct).ConfigureAwait(false)
            ?? throw new ApiException("ExecutionDoesNotExist", $"Execution Does Not Exist: '{execution.Arn}'");
        var o = new JsonObject { ["stateMachineArn"] = execution.StateMachineVersionArn ?? sm.Arn, ["name"] = sm.Name };
        if (execution.StateMachineVersionArn is { } versionArn
            && (await c.Store.GetVersionAsync(versionArn, ct).ConfigureAwait(false) ?? await c.Store.GetRetiredVersionAsync(versionArn, ct).ConfigureAwait(false)) is { } v)
        {
            o["definition"] = v.Definition;
            o["roleArn"] = v.RoleArn;
            o["updateDate"] = Dates.Epoch(v.CreationDate);
            o["loggingConfiguration"] = Definitions.Json(v.LoggingConfiguration);
            o["tracingConfiguration"] = Definitions.Json(v.TracingConfiguration);
            o["revisionId"] = v.RevisionId;
            StateMachineOperations.AddVariableReferences(o, v.Definition);
            return o;
        }

        o["definition"] = sm.Definition;
        o["roleArn"] = sm.RoleArn;
        o["updateDate"] = Dates.Epoch(sm.UpdateDate ?? sm.CreationDate);
        o["loggingConfiguration"] = Definitions.Json(sm.LoggingConfiguration);
        o["tracingConfiguration"] = Definitions.Json(sm.TracingConfiguration);
        o["revisionId"] = sm.RevisionId;
        StateMachineOperations.AddVariableReferences(o, sm.Definition);
        return o;
    }
}
