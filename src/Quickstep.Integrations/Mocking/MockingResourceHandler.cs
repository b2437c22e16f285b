using System.Collections.Concurrent;
using Quickstep.Asl.Errors;
using Quickstep.Engine.Ports;

namespace Quickstep.Integrations.Mocking;

/// <summary>
/// Answers Task states from a <see cref="MockConfig"/> the way Step Functions Local does, and hands
/// every other request to <paramref name="inner"/> (the handlers the host configured):
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
    private readonly ConcurrentDictionary<string, ExecutionMocks> _executions = new(StringComparer.Ordinal);

    /// <summary>
    /// The execution this thread asked about last. The engine passes the same ARN instance for every
    /// call of one execution, so a reference check skips hashing the ~110-character ARN per call.
    /// </summary>
    [ThreadStatic]
    private static ExecutionMocks? t_last;

    /// <summary>True for every resource: a mock can stand in for a resource nothing else serves.</summary>
    public bool CanHandle(string resource) => true;

    public ValueTask<TaskResult> InvokeAsync(TaskRequest request, CancellationToken cancellationToken)
    {
        if (request.TestCase is not { } testCase)
            return _inner.InvokeAsync(request, cancellationToken);

        var execution = Execution(request.ExecutionArn, create: true)!;
        var slot = execution.Slot(request.StateName, request.StateMachineName, testCase, _config);
        if (slot.Response is not { } response)
        {
            if (slot.HasTestCase)
                return _inner.InvokeAsync(request, cancellationToken);
            return new(TaskResult.Failure(StatesErrors.Runtime,
                $"The mock config defines no test case '{testCase}' for the state machine '{request.StateMachineName}'."));
        }

        var invocation = Interlocked.Increment(ref slot.Count) - 1;
        if (!response.TryGetEntry(invocation, out var entry))
        {
            return new(TaskResult.Failure(StatesErrors.Runtime,
                $"The mocked response '{response.Name}' of state '{request.StateName}' (test case '{testCase}') has no entry for invocation {invocation}: it covers invocations 0-{response.InvocationCount - 1}."));
        }

        return new(entry.Result);
    }

    /// <summary>How many times a mocked state has been invoked in an execution.</summary>
    public int InvocationCount(string executionArn, string stateName) =>
        Execution(executionArn, create: false)?.Count(stateName) ?? 0;

    /// <summary>Forgets an execution's invocation counters (call when it ends).</summary>
    public void CompleteExecution(string executionArn)
    {
        if (_executions.TryRemove(executionArn, out var removed) && ReferenceEquals(t_last, removed))
            t_last = null;
    }

    private ExecutionMocks? Execution(string executionArn, bool create)
    {
        var last = t_last;
        if (last is not null && ReferenceEquals(last.Arn, executionArn) && ReferenceEquals(last.Owner, this))
            return last;
        ExecutionMocks? found;
        if (create)
            found = _executions.GetOrAdd(executionArn, static (arn, owner) => new ExecutionMocks(owner, arn), this);
        else if (!_executions.TryGetValue(executionArn, out found))
            return null;
        t_last = found;
        return found;
    }

    /// <summary>One execution's invocation counters, one slot per state it called, with the state's mocked response resolved once.</summary>
    private sealed class ExecutionMocks(MockingResourceHandler owner, string arn)
    {
        private readonly Lock _gate = new();
        private StateSlot[] _slots = [];

        public MockingResourceHandler Owner { get; } = owner;

        public string Arn { get; } = arn;

        public StateSlot Slot(string stateName, string machine, string testCase, MockConfig config)
        {
            // A handful of states per execution: a scan (reference check first) beats hashing.
            foreach (var s in Volatile.Read(ref _slots))
            {
                if (s.Matches(stateName, machine, testCase))
                    return s;
            }

            lock (_gate)
            {
                foreach (var s in _slots)
                {
                    if (s.Matches(stateName, machine, testCase))
                        return s;
                }

                config.TryGetMockedResponse(machine, testCase, stateName, out var response);
                var slot = new StateSlot(stateName, machine, testCase, response, response is not null || config.HasTestCase(machine, testCase));
                Volatile.Write(ref _slots, [.. _slots, slot]);
                return slot;
            }
        }

        public int Count(string stateName)
        {
            var total = 0;
            foreach (var s in Volatile.Read(ref _slots))
            {
                if (s.StateName == stateName)
                    total += Volatile.Read(ref s.Count);
            }

            return total;
        }
    }

    private sealed class StateSlot(string stateName, string machine, string testCase, MockedResponse? response, bool hasTestCase)
    {
        /// <summary>Invocations so far (incremented atomically: Parallel branches and Map iterations may call at once).</summary>
        public int Count;

        public string StateName { get; } = stateName;

        public MockedResponse? Response { get; } = response;

        public bool HasTestCase { get; } = hasTestCase;

        public bool Matches(string state, string m, string t) =>
            (ReferenceEquals(state, StateName) || state == StateName)
            && (ReferenceEquals(m, machine) || m == machine)
            && (ReferenceEquals(t, testCase) || t == testCase);
    }
}
