using System.Text.Json;
using System.Text.Json.Nodes;
using Quickstep.Asl.Errors;
using Quickstep.Engine;
using Quickstep.Engine.Testing;
using Quickstep.Integrations.Mocking;
using Quickstep.Json;

namespace Quickstep.Server.Api;

/// <summary>
/// TestState: translates the request into the engine's <see cref="StateTestRequest"/>, runs it with
/// <see cref="QuickstepEngineTesting.TestStateAsync"/>, and the result (or refusal) into AWS's response.
/// </summary>
internal static class TestStateOperation
{
    private static readonly ServiceShapeValidator ShapeValidator = new();

    public static async Task<JsonObject> RunAsync(ApiContext c, ApiRequest r, CancellationToken ct)
    {
        var request = Translate(c, r);
        StateTestResult result;
        try
        {
            result = await c.Engine.TestStateAsync(request, ShapeValidator, ct).ConfigureAwait(false);
        }
        catch (StateTestException e)
        {
            throw new ApiException(e.IsDefinitionError ? "InvalidDefinition" : "ValidationException", e.Message);
        }
        catch (InvalidDefinitionException e)
        {
            throw Definitions.Invalid(e.Diagnostics);
        }

        return Response(result);
    }

    private static StateTestRequest Translate(ApiContext c, ApiRequest r)
    {
        var definition = r.RequiredString("definition", 1_048_576);
        var stateName = r.String("stateName", 80);
        var input = r.String("input", 262_144);
        var level = r.Enum("inspectionLevel", "INFO", "DEBUG", "TRACE");
        var roleArn = r.String("roleArn") is null ? null : Definitions.RoleArn(r, c);
        var variables = r.String("variables", 262_144);
        var context = r.String("context", 262_144);
        return new StateTestRequest
        {
            Definition = definition,
            StateName = stateName,
            Input = input is null ? JObject.Empty : Json(input, "InvalidExecutionInput", "Invalid State Machine Execution Input"),
            InspectionLevel = level switch { "DEBUG" => InspectionLevel.Debug, "TRACE" => InspectionLevel.Trace, _ => InspectionLevel.Info },
            RevealSecrets = r.Bool("revealSecrets") ?? false,
            Variables = variables is null ? null : Json(variables, "ValidationException", "Invalid variables") as JObject ?? throw new ApiException("ValidationException", "Variables must be a JSON object"),
            Context = context is null ? null : Json(context, "ValidationException", "Invalid Context object provided") as JObject ?? throw new ApiException("ValidationException", "Invalid Context object provided: the context must be a JSON object"),
            Mock = r.Object("mock") is { } mock ? Mock(mock) : null,
            Configuration = r.Object("stateConfiguration") is { } configuration ? Configuration(configuration) : null,
            RoleArn = roleArn,
        };
    }

    private static StateTestMock Mock(JsonElement mock)
    {
        var result = ApiRequest.StringOf(mock, "result", 262_144);
        StatesError? error = null;
        if (ApiRequest.ObjectOf(mock, "errorOutput") is { } errorOutput)
            error = new StatesError(ApiRequest.StringOf(errorOutput, "error", 256) ?? string.Empty, ApiRequest.StringOf(errorOutput, "cause", 32_768));
        var mode = new ApiRequest(mock).Enum("fieldValidationMode", "STRICT", "PRESENT", "NONE");
        return new StateTestMock
        {
            Result = result is null ? null : Json(result, "ValidationException", "The mock result is not valid JSON"),
            Error = error,
            FieldValidationMode = mode switch { "PRESENT" => MockFieldValidationMode.Present, "NONE" => MockFieldValidationMode.None, _ => MockFieldValidationMode.Strict },
        };
    }

    private static StateTestConfiguration Configuration(JsonElement configuration)
    {
        var cr = new ApiRequest(configuration);
        var readerData = cr.String("mapItemReaderData", 262_144);
        return new StateTestConfiguration
        {
            RetrierRetryCount = cr.Int("retrierRetryCount", 0, int.MaxValue),
            ErrorCausedByState = cr.String("errorCausedByState", 80),
            MapIterationFailureCount = cr.Int("mapIterationFailureCount", 0, int.MaxValue),
            MapItemReaderData = readerData is null ? null : Json(readerData, "ValidationException", "Invalid mapItemReaderData"),
        };
    }

    private static JValue Json(string text, string code, string what)
    {
        try
        {
            return JsonText.Parse(text);
        }
        catch (JsonTextException e)
        {
            throw new ApiException(code, $"{what}: '{e.Message}'");
        }
    }

    private static JsonObject Response(StateTestResult result)
    {
        var o = new JsonObject();
        if (result.Output is { } output)
            o["output"] = JsonText.Serialize(output);
        if (result.Error is { } error)
            o["error"] = error;
        if (result.Cause is { } cause)
            o["cause"] = cause;
        if (result.Inspection is { } inspection)
            o["inspectionData"] = Inspection(inspection);
        if (result.NextState is { } next)
            o["nextState"] = next;
        o["status"] = result.Status switch
        {
            StateTestStatus.Succeeded => "SUCCEEDED",
            StateTestStatus.Failed => "FAILED",
            StateTestStatus.Retriable => "RETRIABLE",
            _ => "CAUGHT_ERROR",
        };
        return o;
    }

    private static JsonObject Inspection(StateInspection i)
    {
        var o = new JsonObject();
        Text(o, "input", i.Input);
        Text(o, "afterInputPath", i.AfterInputPath);
        Text(o, "afterParameters", i.AfterParameters);
        Text(o, "afterArguments", i.AfterArguments);
        Text(o, "result", i.Result);
        Text(o, "afterResultSelector", i.AfterResultSelector);
        Text(o, "afterResultPath", i.AfterResultPath);
        Text(o, "afterItemsPath", i.AfterItemsPath);
        Text(o, "variables", i.Variables);
        if (i.MaxConcurrency is int maxConcurrency)
            o["maxConcurrency"] = maxConcurrency;
        if (i.ToleratedFailureCount is int count)
            o["toleratedFailureCount"] = count;
        if (i.ToleratedFailurePercentage is double percentage)
            o["toleratedFailurePercentage"] = JsonValue.Create((float)percentage);
        if (i.ErrorDetails is { } d)
        {
            var details = new JsonObject();
            if (d.CatchIndex is int catchIndex)
                details["catchIndex"] = catchIndex;
            if (d.RetryBackoffIntervalSeconds is int backoff)
                details["retryBackoffIntervalSeconds"] = backoff;
            if (d.RetryIndex is int retryIndex)
                details["retryIndex"] = retryIndex;
            o["errorDetails"] = details;
        }

        if (i.Http is { } http)
        {
            o["request"] = new JsonObject { ["protocol"] = http.RequestProtocol, ["method"] = http.Method, ["url"] = http.Url, ["headers"] = http.RequestHeaders, ["body"] = http.RequestBody };
            if (http.StatusCode is not null)
                o["response"] = new JsonObject { ["protocol"] = http.ResponseProtocol, ["statusCode"] = http.StatusCode, ["statusMessage"] = http.StatusMessage, ["headers"] = http.ResponseHeaders, ["body"] = http.ResponseBody };
        }

        return o;
    }

    private static void Text(JsonObject o, string name, JValue? value)
    {
        if (value is not null)
            o[name] = JsonText.Serialize(value);
    }
}
