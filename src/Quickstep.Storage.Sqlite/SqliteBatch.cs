using Microsoft.Data.Sqlite;

namespace Quickstep.Storage.Sqlite;

/// <summary>
/// What a write sees on the writer thread: the open transaction and one prepared command per statement
/// text, kept for the life of the connection (SQLite parses a statement once, not once per write).
/// </summary>
internal sealed class SqliteBatch : IDisposable
{
    private readonly SqliteConnection _connection;
    private readonly Dictionary<string, SqliteCommand> _commands = new(StringComparer.Ordinal);

    public SqliteBatch(SqliteConnection connection) => _connection = connection;

    private readonly Dictionary<string, (long Executions, long BilledMs, long BilledMbMs)> _usage = new(StringComparer.Ordinal);

    public SqliteTransaction? Transaction { get; set; }

    /// <summary>Counts a finished execution; the batch writes one usage row per state machine before it commits.</summary>
    public void AddUsage(string stateMachineArn, long billedMs, long billedMbMs)
    {
        _usage.TryGetValue(stateMachineArn, out var u);
        _usage[stateMachineArn] = (u.Executions + 1, u.BilledMs + billedMs, u.BilledMbMs + billedMbMs);
    }

    /// <summary>Starts a transaction: nothing pending from a rolled-back one.</summary>
    public void Begin(SqliteTransaction transaction)
    {
        Transaction = transaction;
        _usage.Clear();
    }

    /// <summary>Writes what the batch's writes left pending (usage counters); called just before the commit.</summary>
    public void Flush()
    {
        foreach (var (sm, u) in _usage)
        {
            Exec("""
                INSERT INTO usage(sm_arn,executions,billed_ms,billed_mb_ms) VALUES($sm,$n,$ms,$mbms)
                ON CONFLICT(sm_arn) DO UPDATE SET executions=executions+excluded.executions, billed_ms=billed_ms+excluded.billed_ms, billed_mb_ms=billed_mb_ms+excluded.billed_mb_ms
                """, ("$sm", sm), ("$n", u.Executions), ("$ms", u.BilledMs), ("$mbms", u.BilledMbMs));
        }

        _usage.Clear();
    }

    /// <summary>The prepared command for <paramref name="sql"/> (a constant), with these parameter values.</summary>
    public SqliteCommand Command(string sql, params ReadOnlySpan<(string Name, object? Value)> args)
    {
        if (!_commands.TryGetValue(sql, out var cmd))
        {
            cmd = _connection.CreateCommand();
#pragma warning disable CA2100 // every statement is a constant of SqliteStore; values go through parameters.
            cmd.CommandText = sql;
#pragma warning restore CA2100
            foreach (var (name, _) in args)
                cmd.Parameters.Add(new SqliteParameter { ParameterName = name });
            _commands[sql] = cmd;
        }

        cmd.Transaction = Transaction;
        for (var i = 0; i < args.Length; i++)
        {
            // A statement is always called with the same names in the same order; look up by name otherwise.
            var p = i < cmd.Parameters.Count && string.Equals(cmd.Parameters[i].ParameterName, args[i].Name, StringComparison.Ordinal) ? cmd.Parameters[i] : cmd.Parameters[args[i].Name];
            p.Value = args[i].Value ?? DBNull.Value;
        }

        return cmd;
    }

    public int Exec(string sql, params ReadOnlySpan<(string Name, object? Value)> args) => Command(sql, args).ExecuteNonQuery();

    public object? Scalar(string sql, params ReadOnlySpan<(string Name, object? Value)> args) => Command(sql, args).ExecuteScalar();

    public void Dispose()
    {
        foreach (var cmd in _commands.Values)
            cmd.Dispose();
        _commands.Clear();
    }
}
