using Quickstep.Engine.Ports;

namespace Quickstep.Engine.Testing;

/// <summary>TestState's mock in place of the tested Task's integration: every call answers with the mocked result or error.</summary>
internal sealed class MockedTaskHandler(StateTestMock mock) : IResourceHandler
{
    private readonly TaskResult _answer = mock.Error is { } error ? TaskResult.Failure(error) : TaskResult.Success(mock.Result ?? Json.JValue.Null);

    public bool CanHandle(string resource) => true;

    public ValueTask<TaskResult> InvokeAsync(TaskRequest request, CancellationToken cancellationToken) => new(_answer);
}
