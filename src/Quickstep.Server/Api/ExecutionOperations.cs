using System.Text;
using System.Text.Json.Nodes;
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

    public static async Task<JsonObject> StartAsync(ApiContext c, ApiRequest r, CancellationToken ct)
    {
        var (execution, machine, input, named) = await PrepareAsync(c, r, sync: false, ct).ConfigureAwait(false);
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
            // (the store writes in order, so the final record lands after it; reads wait for both). Sync
            // executions are never re-run and their result is in the response, so nothing waits for a commit.
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
            ["status"] = final.Status is "SUCCEEDED" or "TIMED_OUT" ? final.Status : "FAILED",
        };
        if (final.Error is not null)
            o["error"] = final.Error;
        if (final.Cause is not null)
            o["cause"] = final.Cause;
        if (!metadataOnly)
            o["input"] = final.Input;
        o["inputDetails"] = new JsonObject { ["included"] = !metadataOnly };
        if (final.Output is not null && !metadataOnly)
            o["output"] = final.Output;
        o["outputDetails"] = new JsonObject { ["included"] = !metadataOnly };
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
        var running = await c.Store.FindExecutionsAsync(execution.StateMachineArn, execution.Name, "RUNNING", ct).ConfigureAwait(false);
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
            Status = "RUNNING",
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
        if (execution.Status != "RUNNING")
            return new JsonObject { ["stopDate"] = Dates.Epoch(execution.StopDate ?? c.Now) };
        if (c.Executions.Running(arn) is { } running)
        {
            running.Stop(error, cause);
            for (var i = 0; i < 200; i++)
            {
                var now = await c.Store.GetExecutionAsync(arn, ct).ConfigureAwait(false);
                if (now is null || now.Status != "RUNNING")
                    return new JsonObject { ["stopDate"] = Dates.Epoch(now?.StopDate ?? c.Now) };
                await Task.Delay(TimeSpan.FromMilliseconds(25), c.Options.TimeProvider, ct).ConfigureAwait(false);
            }

            return new JsonObject { ["stopDate"] = Dates.Epoch(c.Now) };
        }

        // Accepted but not started yet: it ends here and the worker will skip it.
        var final = await c.Executions.StopQueuedAsync(execution, error, cause).ConfigureAwait(false);
        return new JsonObject { ["stopDate"] = Dates.Epoch(final.StopDate!.Value) };
    }

    public static async Task<JsonObject> DescribeAsync(ApiContext c, ApiRequest r, CancellationToken ct)
    {
        var metadataOnly = r.Enum("includedData", "ALL_DATA", "METADATA_ONLY") == "METADATA_ONLY";
        var e = await c.RequireExecutionAsync(r.RequiredString("executionArn", 2048), ct).ConfigureAwait(false);
        var o = new JsonObject
        {
            ["executionArn"] = e.Arn,
            ["stateMachineArn"] = e.StateMachineArn,
            ["name"] = e.Name,
            ["status"] = e.Status,
            ["startDate"] = Dates.Epoch(e.StartDate),
        };
        if (e.StopDate is { } stop)
            o["stopDate"] = Dates.Epoch(stop);
        if (!metadataOnly)
            o["input"] = e.Input;
        o["inputDetails"] = new JsonObject { ["included"] = !metadataOnly };
        if (e.Output is not null && !metadataOnly)
            o["output"] = e.Output;
        if (e.Status != "RUNNING")
            o["outputDetails"] = new JsonObject { ["included"] = !metadataOnly };
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
        var status = r.Enum("statusFilter", "RUNNING", "SUCCEEDED", "FAILED", "TIMED_OUT", "ABORTED", "PENDING_REDRIVE");
        r.Enum("redriveFilter", "REDRIVEN", "NOT_REDRIVEN");
        var (offset, limit) = Paging.Read(r);
        await c.RequireStateMachineAsync(target.StateMachineArn, ct, arn).ConfigureAwait(false);
        var page = await c.Store.ListExecutionsAsync(target.StateMachineArn, status, offset, limit + 1, ct).ConfigureAwait(false);
        var items = new JsonArray();
        foreach (var e in page.Take(limit))
        {
            var item = new JsonObject
            {
                ["executionArn"] = e.Arn,
                ["stateMachineArn"] = e.StateMachineArn,
                ["name"] = e.Name,
                ["status"] = e.Status,
                ["startDate"] = Dates.Epoch(e.StartDate),
            };
            if (e.StopDate is { } stop)
                item["stopDate"] = Dates.Epoch(stop);
            if (e.StateMachineVersionArn is not null)
                item["stateMachineVersionArn"] = e.StateMachineVersionArn;
            if (e.StateMachineAliasArn is not null)
                item["stateMachineAliasArn"] = e.StateMachineAliasArn;
            items.Add(item);
        }

        var response = new JsonObject { ["executions"] = items };
        if (Paging.Next(offset, limit, page.Count) is { } next)
            response["nextToken"] = next;
        return response;
    }

    public static async Task<JsonObject> HistoryAsync(ApiContext c, ApiRequest r, CancellationToken ct)
    {
        var arn = r.RequiredString("executionArn", 2048);
        var reverse = r.Bool("reverseOrder") ?? false;
        var includeData = r.Bool("includeExecutionData") ?? true;
        var (offset, limit) = Paging.Read(r);
        var execution = await c.RequireExecutionAsync(arn, ct).ConfigureAwait(false);
        IReadOnlyList<string> all = execution.Status == "RUNNING"
            ? c.Executions.Running(arn)?.Sink.Snapshot().Select(HistoryJson.ToJson).ToList() ?? []
            : (await c.Store.GetHistoryAsync(arn, ct).ConfigureAwait(false)).Select(h => h.Json).ToList();
        var ordered = reverse ? all.Reverse() : all;
        var page = ordered.Skip(offset).Take(limit).ToList();
        var events = new JsonArray();
        foreach (var json in page)
        {
            var node = JsonNode.Parse(json)!.AsObject();
            if (!includeData)
                StripData(node);
            events.Add(node);
        }

        var response = new JsonObject { ["events"] = events };
        if (Paging.Next(offset, limit, all.Count - offset) is { } next)
            response["nextToken"] = next;
        return response;
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
        var sm = await c.RequireStateMachineAsync(execution.StateMachineArn, ct).ConfigureAwait(false);
        var o = new JsonObject { ["stateMachineArn"] = execution.StateMachineVersionArn ?? sm.Arn, ["name"] = sm.Name };
        if (execution.StateMachineVersionArn is { } versionArn && await c.Store.GetVersionAsync(versionArn, ct).ConfigureAwait(false) is { } v)
        {
            o["definition"] = v.Definition;
            o["roleArn"] = v.RoleArn;
            o["updateDate"] = Dates.Epoch(v.CreationDate);
            o["loggingConfiguration"] = Definitions.Json(v.LoggingConfiguration);
            o["tracingConfiguration"] = Definitions.Json(v.TracingConfiguration);
            o["revisionId"] = v.RevisionId;
            return o;
        }

        o["definition"] = sm.Definition;
        o["roleArn"] = sm.RoleArn;
        o["updateDate"] = Dates.Epoch(sm.UpdateDate ?? sm.CreationDate);
        o["loggingConfiguration"] = Definitions.Json(sm.LoggingConfiguration);
        o["tracingConfiguration"] = Definitions.Json(sm.TracingConfiguration);
        o["revisionId"] = sm.RevisionId;
        return o;
    }
}
