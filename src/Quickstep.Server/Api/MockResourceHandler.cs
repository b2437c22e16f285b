using Quickstep.Asl.Json;
using Quickstep.Engine.Ports;

namespace Quickstep.Server.Api;

/// <summary>TestState's <c>mock</c>: every Task answers with the given result or error.</summary>
internal sealed class MockResourceHandler : IResourceHandler
{
    private readonly TaskResult _result;

    public MockResourceHandler(TaskResult result) => _result = result;

    public bool CanHandle(string resource) => true;

    public ValueTask<TaskResult> InvokeAsync(TaskRequest request, CancellationToken cancellationToken) => ValueTask.FromResult(_result);

    public static MockResourceHandler Success(JValue result) => new(TaskResult.Success(result));

    public static MockResourceHandler Failure(string error, string? cause) => new(TaskResult.Failure(error, cause));
}
