using System.Text.Json;
using System.Text.Json.Nodes;
using Quickstep.Asl.Json;
using Quickstep.Engine;
using Quickstep.Engine.History;

namespace Quickstep.Server.Api;

/// <summary>
/// TestState: runs one state as a one-state machine whose transition targets are stubs, then reads the
/// state's output, next state and error from the history. Supports input, stateName (a state picked out
/// of a whole machine) and mock (result or errorOutput); context, variables and stateConfiguration are not
/// supported yet.
/// </summary>
internal static class TestStateOperation
{
    public static async Task<JsonObject> RunAsync(ApiContext c, ApiRequest r, CancellationToken ct)
    {
        var text = r.RequiredString("definition", 1_048_576);
        var stateName = r.String("stateName", 80);
        var inputText = r.String("input", 262_144) ?? "{}";
        r.Enum("inspectionLevel", "INFO", "DEBUG", "TRACE");
        if (r.String("roleArn") is not null)
            Definitions.RoleArn(r, c);

        JsonObject state;
        try
        {
            state = JsonNode.Parse(text) as JsonObject ?? throw new ApiException("InvalidDefinition", "Invalid State Machine Definition: 'SCHEMA_VALIDATION_FAILED: Definition must be a valid JSON object at /'");
        }
        catch (JsonException e)
        {
            throw new ApiException("InvalidDefinition", $"Invalid State Machine Definition: 'INVALID_JSON_DESCRIPTION: {e.Message}'");
        }

        if (state["States"] is JsonObject states)
        {
            var pick = stateName ?? state["StartAt"]?.GetValue<string>();
            state = pick is not null && states[pick] is JsonObject s ? (JsonObject)s.DeepClone() : throw new ApiException("ValidationException", $"State '{stateName}' not found in the definition");
        }

        var name = stateName ?? "TestState";
        var machine = new JsonObject { ["StartAt"] = name };
        var all = new JsonObject { [name] = state.DeepClone() };
        foreach (var target in Targets(state).Where(t => t != name).Distinct())
            all[target] = new JsonObject { ["Type"] = "Succeed" };
        machine["States"] = all;

        JValue input;
        try
        {
            input = JsonText.Parse(inputText);
        }
        catch (JsonTextException e)
        {
            throw new ApiException("InvalidExecutionInput", $"Invalid State Machine Execution Input: '{e.Message}'");
        }

        var engine = c.Engine;
        if (r.Object("mock") is { } mock)
            engine = new QuickstepEngine(new EngineOptions { TimeProvider = c.Options.TimeProvider, Region = c.Options.Region, AccountId = c.Options.AccountId, ResourceHandlers = [Mock(mock)] });

        StateMachine compiled;
        try
        {
            compiled = engine.Load(machine.ToJsonString(), "TestState", StateMachineType.Express);
        }
        catch (InvalidDefinitionException e)
        {
            var msg = string.Join(", ", e.Diagnostics.Select(d => $"{Definitions.AwsCode(d)}: {d.Message} at {Definitions.Location(d).Replace($"/States/{name}", string.Empty, StringComparison.Ordinal)}"));
            throw new ApiException("InvalidDefinition", $"Invalid State Machine Definition: '{msg}'");
        }

        var result = await compiled.ExecuteAsync(input, new ExecutionOptions { RecordHistory = true }, ct).ConfigureAwait(false);
        return Outcome(result, name, inputText);
    }

    private static JsonObject Outcome(ExecutionResult result, string name, string input)
    {
        var events = result.History ?? [];
        var o = new JsonObject();
        var exited = events.FirstOrDefault(e => e.Type.EndsWith("StateExited", StringComparison.Ordinal) && NameOf(e) == name);
        var next = events.FirstOrDefault(e => e.Type.EndsWith("StateEntered", StringComparison.Ordinal) && NameOf(e) != name);
        var failure = events.LastOrDefault(e => e.Details?["error"] is not null && !e.Type.StartsWith("Execution", StringComparison.Ordinal));
        if (exited is not null)
        {
            o["output"] = exited.Details?["output"] is JString s ? s.Value : result.Output?.ToString();
            if (next is not null)
                o["nextState"] = NameOf(next);
            o["status"] = "SUCCEEDED";
        }
        else if (next is not null)
        {
            o["output"] = next.Details?["input"] is JString s ? s.Value : null;
            o["nextState"] = NameOf(next);
            AddError(o, failure?.Details?["error"], failure?.Details?["cause"]);
            o["status"] = "CAUGHT_ERROR";
        }
        else if (result.Status == ExecutionStatus.Succeeded)
        {
            o["output"] = result.Output?.ToString();
            o["status"] = "SUCCEEDED";
        }
        else
        {
            if (result.Error is not null)
                o["error"] = result.Error;
            if (result.Cause is not null)
                o["cause"] = result.Cause;
            o["status"] = "FAILED";
        }

        o["inspectionData"] = new JsonObject { ["input"] = input };
        return o;
    }

    private static void AddError(JsonObject o, JValue? error, JValue? cause)
    {
        if (error is JString e)
            o["error"] = e.Value;
        if (cause is JString c)
            o["cause"] = c.Value;
    }

    private static string? NameOf(HistoryEvent e) => e.Details?["name"] is JString s ? s.Value : null;

    private static IEnumerable<string> Targets(JsonObject state)
    {
        if (state["Next"] is JsonValue n && n.TryGetValue<string>(out var next))
            yield return next;
        if (state["Default"] is JsonValue d && d.TryGetValue<string>(out var def))
            yield return def;
        foreach (var list in new[] { state["Choices"], state["Catch"] })
        {
            if (list is not JsonArray items)
                continue;
            foreach (var item in items)
            {
                if (item?["Next"] is JsonValue v && v.TryGetValue<string>(out var t))
                    yield return t;
            }
        }
    }

    private static MockResourceHandler Mock(JsonElement mock)
    {
        if (ApiRequest.StringOf(mock, "result", 262_144) is { } result)
        {
            try
            {
                return MockResourceHandler.Success(JsonText.Parse(result));
            }
            catch (JsonTextException e)
            {
                throw new ApiException("ValidationException", $"The mock result is not valid JSON: {e.Message}");
            }
        }

        if (ApiRequest.ObjectOf(mock, "errorOutput") is { } error)
            return MockResourceHandler.Failure(ApiRequest.StringOf(error, "error", 256) ?? "States.TaskFailed", ApiRequest.StringOf(error, "cause", 32_768));
        throw new ApiException("ValidationException", "A mock must have a result or an errorOutput");
    }
}
