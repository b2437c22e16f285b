using NpgsqlTypes;

namespace Quickstep.Storage.Postgres;

/// <summary>
/// One write of the executions' writer: its statements (run in order in the batch's transaction), which of them
/// tells the result (rows affected &gt; 0), the usage it adds, and who waits for it.
/// </summary>
internal sealed class PostgresWrite
{
    public List<(string Sql, (NpgsqlDbType, object?)[] Args)> Statements { get; } = new(4);

    /// <summary>The statement whose affected rows make the result true; -1: always true.</summary>
    public int ResultStatement { get; set; } = -1;

    /// <summary>The state machine whose usage counters this write adds to (an execution ended), else null.</summary>
    public string? UsageStateMachine { get; init; }

    public long UsageBilledMs { get; init; }

    public long UsageBilledMbMs { get; init; }

    public Action<Exception>? OnError { get; init; }

    public TaskCompletionSource<bool> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public PostgresWrite Add(string sql, params (NpgsqlDbType, object?)[] args)
    {
        Statements.Add((sql, args));
        return this;
    }
}
