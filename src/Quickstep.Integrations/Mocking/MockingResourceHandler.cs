using System.Collections.Concurrent;
using Quickstep.Asl.Errors;
using Quickstep.Engine.Ports;

namespace Quickstep.Integrations.Mocking;

/// <summary>
/// Answers Task states from a <see cref="MockConfig"/> the way Step Functions Local does, and hands
/// every other request to <paramref name="inner"/> (usually the <see cref="ResourceHandlerChain"/>):
/// <list type="bullet">
/// <item>A request is mocked when its <see cref="TaskRequest.TestCase"/> maps its state to a mocked response.</item>
/// <item>Invocations are counted per execution and state from 0; retries and loops each count.</item>
/// <item><c>Return</c> is the whole task result (for lambda:invoke, the envelope); <c>Throw</c> fails with its Error and Cause.</item>
/// <item>An invocation past the last one covered fails the execution (the guide: "If you do not specify
/// a mocked response, the state machine execution will fail") with <c>States.Runtime</c>, which no Retry or Catch handles.</item>
/// <item>A test case the config does not define fails the same way rather than silently calling real resources.</item>
/// </list>
/// Counters live until <see cref="CompleteExecution"/>; the host calls it when an execution ends.
/// </summary>
public sealed class MockingResourceHandler(MockConfig config, IResourceHandler inner) : IResourceHandler
{
    private readonly MockConfig _config = config ?? throw new ArgumentNullException(nameof(config));
    private readonly IResourceHandler _inner = inner ?? throw new ArgumentNullException(nameof(inner));
    private readonly ConcurrentDictionary<(string ExecutionArn, string StateName), int> _invocations = new();

    /// <summary>True for every resource: a mock can stand in for a resource nothing else serves.</summary>
    public bool CanHandle(string resource) => true;

    public ValueTask<TaskResult> InvokeAsync(TaskRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.TestCase is not { } testCase)
            return _inner.InvokeAsync(request, cancellationToken);

        if (!_config.TryGetMockedResponse(request.StateMachineName, testCase, request.StateName, out var response))
        {
            if (_config.HasTestCase(request.StateMachineName, testCase))
                return _inner.InvokeAsync(request, cancellationToken);
            return new(TaskResult.Failure(StatesErrors.Runtime,
                $"The mock config defines no test case '{testCase}' for the state machine '{request.StateMachineName}'."));
        }

        var invocation = _invocations.AddOrUpdate((request.ExecutionArn, request.StateName), 1, static (_, count) => count + 1) - 1;
        if (!response.TryGetEntry(invocation, out var entry))
        {
            return new(TaskResult.Failure(StatesErrors.Runtime,
                $"The mocked response '{response.Name}' of state '{request.StateName}' (test case '{testCase}') has no entry for invocation {invocation}: it covers invocations 0-{response.InvocationCount - 1}."));
        }

        return new(entry.Throw is { } error ? TaskResult.Failure(error) : TaskResult.Success(entry.Return!));
    }

    /// <summary>How many times a mocked state has been invoked in an execution.</summary>
    public int InvocationCount(string executionArn, string stateName) =>
        _invocations.TryGetValue((executionArn, stateName), out var count) ? count : 0;

    /// <summary>Forgets an execution's invocation counters (call when it ends).</summary>
    public void CompleteExecution(string executionArn)
    {
        foreach (var key in _invocations.Keys)
        {
            if (key.ExecutionArn == executionArn)
                _invocations.TryRemove(key, out _);
        }
    }
}
