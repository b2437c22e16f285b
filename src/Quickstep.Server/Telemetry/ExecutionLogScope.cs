using System.Collections;

namespace Quickstep.Server.Telemetry;

/// <summary>The logging scope of one execution: JSON log lines show it as <c>{"ExecutionArn": "…"}</c> in their scopes.</summary>
internal sealed class ExecutionLogScope(string executionArn) : IReadOnlyList<KeyValuePair<string, object?>>
{
    public KeyValuePair<string, object?> this[int index] => index == 0 ? new("ExecutionArn", executionArn) : throw new ArgumentOutOfRangeException(nameof(index));

    public int Count => 1;

    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator()
    {
        yield return this[0];
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public override string ToString() => "ExecutionArn:" + executionArn;
}
