using Quickstep.Engine.Ports;
using Quickstep.Integrations.Functions;
using Quickstep.Json;

namespace Quickstep.Integrations.Tests;

internal sealed class SequentialRequestIds : IRequestIdSource
{
    private int _next;

    public string NextRequestId() => $"00000000-0000-0000-0000-{++_next:D12}";
}

internal sealed class FixedTimeProvider(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}

internal static class TestSupport
{
    public const string ExecutionArn = "arn:aws:states:eu-west-1:111122223333:execution:MyMachine:run-1";

    public static readonly DateTimeOffset Now = new(2025, 11, 6, 12, 31, 47, TimeSpan.Zero);

    public static TaskRequest Request(string resource, string parametersJson, string stateName = "Task", string machine = "MyMachine", string executionArn = ExecutionArn, string? testCase = null) =>
        new(resource, JsonText.Parse(parametersJson), stateName, machine, executionArn, 0) { TestCase = testCase };

    public static LambdaResourceHandler Handler(LambdaFunctionRegistry registry) =>
        new(registry, new LambdaResourceHandlerOptions { RequestIds = new SequentialRequestIds(), TimeProvider = new FixedTimeProvider(Now) });

    public static TaskResult Run(IResourceHandler handler, TaskRequest request)
    {
        var pending = handler.InvokeAsync(request, CancellationToken.None);
        return pending.IsCompleted ? pending.Result : pending.AsTask().GetAwaiter().GetResult();
    }

    public static string JsonOf(JValue? value) => value is null ? "<null>" : JsonText.Serialize(value);
}
