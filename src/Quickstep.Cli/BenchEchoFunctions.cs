using Quickstep.Engine.Ports;
using Quickstep.Json;

namespace Quickstep.Cli;

/// <summary>
/// `quickstep bench --echo-functions`: answers every Lambda function with its input, in-process.
/// The function registry has no catch-all key, so this stands in for it: a function ARN's result is
/// the task input; lambda:invoke's is an envelope whose Payload is the request's Payload ({} if absent).
/// </summary>
internal sealed class BenchEchoFunctions : IResourceHandler
{
    private const string InvokeResource = "arn:aws:states:::lambda:invoke";
    private static readonly JString Latest = JString.Create("$LATEST");
    private static readonly JNumber Ok = JValue.FromNumber(200);

    public bool CanHandle(string resource) =>
        resource == InvokeResource
        || (resource.StartsWith("arn:", StringComparison.Ordinal) && resource.Contains(":lambda:", StringComparison.Ordinal) && resource.Contains(":function:", StringComparison.Ordinal));

    public ValueTask<TaskResult> InvokeAsync(TaskRequest request, CancellationToken cancellationToken)
    {
        return new(request.Resource == InvokeResource ? Envelope(request.Parameters) : TaskResult.Success(request.Parameters));
    }

    private static TaskResult Envelope(JValue parameters)
    {
        var payload = parameters is JObject o && o.TryGetValue("Payload", out var p) && p is not JNull ? p : JObject.Empty;
        var envelope = new JObjectBuilder(3)
            .AddUnique("ExecutedVersion", Latest)
            .AddUnique("Payload", payload)
            .AddUnique("StatusCode", Ok)
            .Build();
        return TaskResult.Success(envelope);
    }
}
