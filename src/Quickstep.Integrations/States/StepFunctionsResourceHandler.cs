using System.Collections.Concurrent;
using System.Globalization;
using Quickstep.Asl.Errors;
using Quickstep.Aws;
using Quickstep.Engine.Ports;
using Quickstep.Integrations.AwsSdk;
using Quickstep.Integrations.Functions;
using Quickstep.Json;

namespace Quickstep.Integrations.States;

/// <summary>
/// Nested workflows through the Step Functions API (the <c>states</c> <see cref="IAwsService"/>):
/// <list type="bullet">
/// <item><c>arn:aws:states:::states:startExecution</c> (request-response; https://docs.aws.amazon.com/step-functions/latest/dg/connect-stepfunctions.html):
/// StateMachineArn, Input (an object is sent as its JSON text), Name, TraceHeader; the result is
/// <c>{ExecutionArn, StartDate}</c>. The <c>.sync</c> and <c>.waitForTaskToken</c> patterns are refused at creation in Express.</item>
/// <item><c>arn:aws:states:::aws-sdk:sfn:ACTION</c> (startExecution, startSyncExecution, describeExecution, …): the
/// API's members in PascalCase both ways, timestamps as ISO-8601 text; errors <c>Sfn.ExecutionDoesNotExistException</c>.</item>
/// </list>
/// A child started from a Task is one level deeper than its parent; past <see cref="StepFunctionsResourceHandlerOptions.MaxDepth"/>
/// the Task fails with States.Runtime (a machine that starts itself forever).
/// </summary>
public sealed class StepFunctionsResourceHandler : IResourceHandler
{
    private const int MaxTracked = 100_000;

    private readonly IAwsService _service;
    private readonly StepFunctionsResourceHandlerOptions _options;
    private readonly ConcurrentDictionary<string, int> _depths = new(StringComparer.Ordinal);

    public StepFunctionsResourceHandler(IAwsService stepFunctions, StepFunctionsResourceHandlerOptions? options = null)
    {
        _service = stepFunctions ?? throw new ArgumentNullException(nameof(stepFunctions));
        _options = options ?? new StepFunctionsResourceHandlerOptions();
    }

    public bool CanHandle(string resource) => Parse(resource) is not null;

    public ValueTask<TaskResult> InvokeAsync(TaskRequest request, CancellationToken cancellationToken)
    {
        if (Parse(request.Resource) is not { } target)
            return new(TaskResult.Failure(StatesErrors.Runtime, $"The resource '{request.Resource}' of state '{request.StateName}' is not supported."));
        if (request.Parameters is not JObject arguments)
            return new(TaskFailures.NotAnObject(request.Parameters));
        return CallAsync(request, target.Action, target.Optimized, arguments, cancellationToken);
    }

    private async ValueTask<TaskResult> CallAsync(TaskRequest request, string action, bool optimized, JObject arguments, CancellationToken cancellationToken)
    {
        var input = optimized ? OptimizedInput(arguments) : (JObject)Camel(arguments);
        var starts = action is "StartExecution" or "StartSyncExecution";
        string? childKey = null;
        if (starts)
        {
            var depth = _depths.GetValueOrDefault(ExecutionKey(request.ExecutionArn)) + 1;
            if (depth > _options.MaxDepth)
            {
                return TaskResult.Failure(StatesErrors.Runtime,
                    $"Execution '{request.ExecutionArn}' may not start another execution: nested executions are limited to a depth of {_options.MaxDepth} (a state machine that starts itself?).");
            }

            // The child's name is chosen here so that its depth is known before it runs (a synchronous child runs inside this call).
            if (input["name"] is not JString)
                input = input.With("name", JValue.FromString(Guid.NewGuid().ToString()));
            childKey = ChildKey(input);
            if (childKey is not null)
            {
                if (_depths.Count >= MaxTracked)
                    _depths.Clear();
                _depths[childKey] = depth;
            }
        }

        JValue output;
        try
        {
            output = await _service.InvokeAsync(action, input, cancellationToken).ConfigureAwait(false);
        }
        catch (AwsServiceException e)
        {
            if (childKey is not null)
                _depths.TryRemove(childKey, out _);
            return Failure(optimized, e);
        }
        finally
        {
            if (childKey is not null && action == "StartSyncExecution")
                _depths.TryRemove(childKey, out _);
        }

        var result = (JObject)Pascal(output as JObject ?? JObject.Empty);
        if (optimized)
            result = new JObjectBuilder(2).AddUnique("ExecutionArn", result["ExecutionArn"] ?? JValue.FromString(string.Empty)).AddUnique("StartDate", result["StartDate"] ?? JValue.FromString(string.Empty)).Build();
        return TaskResult.Success(result);
    }

    /// <summary>The optimized integration's arguments as StartExecution's input: Input may be any JSON value (sent as its text).</summary>
    private static JObject OptimizedInput(JObject arguments)
    {
        var b = new JObjectBuilder(4);
        foreach (var (name, value) in arguments)
        {
            switch (name)
            {
                case "StateMachineArn":
                    b.Set("stateMachineArn", value);
                    break;
                case "Name":
                    b.Set("name", value);
                    break;
                case "TraceHeader":
                    b.Set("traceHeader", value);
                    break;
                case "Input":
                    b.Set("input", value is JString ? value : JValue.FromString(JsonText.Serialize(value)));
                    break;
            }
        }

        return b.Build();
    }

    private TaskResult Failure(bool optimized, AwsServiceException e)
    {
        var service = AwsServiceInfo.StepFunctions;
        var requestId = _options.RequestIds.NextRequestId();
        return optimized
            ? TaskResult.Failure(service.OptimizedErrorName(e.Code),
                $"{e.Message} (Service: {service.OptimizedClient}; Status Code: {e.StatusCode}; Error Code: {e.Code}; Request ID: {requestId}; Proxy: null)")
            : TaskResult.Failure(service.SdkErrorName(e.Code), $"{e.Message} (Service: {service.SdkName}, Status Code: {e.StatusCode}, Request ID: {requestId})");
    }

    /// <summary>"machine:name" of an execution ARN (…:execution:machine:name or …:express:machine:name:id).</summary>
    private static string ExecutionKey(string executionArn)
    {
        var parts = executionArn.Split(':');
        return parts.Length >= 8 ? parts[6] + ":" + parts[7] : executionArn;
    }

    /// <summary>The key the child's execution ARN will have: its machine's name (from stateMachineArn) and its name.</summary>
    private static string? ChildKey(JObject input)
    {
        if (input["stateMachineArn"] is not JString { Value: var arn } || input["name"] is not JString { Value: var name })
            return null;
        var parts = arn.Split(':');
        return parts.Length >= 7 ? parts[6] + ":" + name : null;
    }

    /// <summary>API members (camelCase) as the SDK integration gives them (PascalCase); epoch-second dates as ISO-8601 text.</summary>
    private static JValue Pascal(JValue value, string? member = null) => value switch
    {
        JObject o => JObject.Create(o.Select(p => new KeyValuePair<string, JValue>(char.ToUpperInvariant(p.Key[0]) + p.Key[1..], Pascal(p.Value, p.Key)))),
        JArray a => JArray.Create(a.Select(i => Pascal(i, member))),
        JNumber n when member is not null && member.EndsWith("Date", StringComparison.Ordinal) =>
            JValue.FromString(DateTimeOffset.FromUnixTimeMilliseconds((long)Math.Round(n.Value * 1000)).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture)),
        _ => value,
    };

    private static JValue Camel(JValue value) => value switch
    {
        JObject o => JObject.Create(o.Select(p => new KeyValuePair<string, JValue>(p.Key.Length > 0 ? char.ToLowerInvariant(p.Key[0]) + p.Key[1..] : p.Key, Camel(p.Value)))),
        JArray a => JArray.Create(a.Select(Camel)),
        _ => value,
    };

    /// <summary><c>arn:P:states:::states:startExecution</c> (optimized) or <c>arn:P:states:::aws-sdk:sfn:action</c>.</summary>
    private static (string Action, bool Optimized)? Parse(string resource)
    {
        if (AwsTaskResource.SplitStatesArn(resource) is not { } parts)
            return null;
        if (parts.Length == 7 && parts[5] == "states" && parts[6] == "startExecution")
            return ("StartExecution", true);
        if (parts.Length == 8 && parts[5] == "aws-sdk" && parts[6] == "sfn" && parts[7].Length > 0 && char.IsAsciiLetterLower(parts[7][0]) && parts[7].All(char.IsAsciiLetterOrDigit))
            return (char.ToUpperInvariant(parts[7][0]) + parts[7][1..], false);
        return null;
    }
}
