using Microsoft.Data.Sqlite;

namespace Quickstep.Server.Tests.Faults;

/// <summary>A temporary folder for one fault test's database, and the store's integrity check.</summary>
internal sealed class FaultScratch : IDisposable
{
    public FaultScratch()
    {
        Directory.CreateDirectory(Dir);
    }

    public string Dir { get; } = Path.Combine(Path.GetTempPath(), "qs-fault-" + Guid.NewGuid().ToString("N"));

    public string Db => Path.Combine(Dir, "data", "quickstep.db");

    /// <summary>SQLite's own check of every page, index and constraint of the store: "ok" or the problems.</summary>
    public static string IntegrityCheck(string db)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = db, Pooling = false }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA integrity_check";
        using var reader = command.ExecuteReader();
        var lines = new List<string>();
        while (reader.Read())
            lines.Add(reader.GetString(0));
        return string.Join("\n", lines);
    }

    /// <summary>
    /// The store's own invariants, each a query that counts violations: queue entries without their execution, queue
    /// entries still to run for an execution that ended, pending schedule deliveries without their schedule, and
    /// SQLite's foreign-key check. Empty when the store is consistent.
    /// </summary>
    public static IReadOnlyList<string> InvariantViolations(string db)
    {
        var checks = new (string Name, string Sql)[]
        {
            ("queue entry without its execution", "SELECT COUNT(*) FROM queue q LEFT JOIN executions e ON e.arn=q.execution_arn WHERE e.arn IS NULL"),
            ("queue entry to run for an execution that ended", $"SELECT COUNT(*) FROM queue q JOIN executions e ON e.arn=q.execution_arn WHERE q.state<>{(int)Quickstep.Storage.QueueState.Done} AND e.status<>'RUNNING'"),
            ("async execution RUNNING without a queue entry", "SELECT COUNT(*) FROM executions e LEFT JOIN queue q ON q.execution_arn=e.arn WHERE e.sync=0 AND e.status='RUNNING' AND q.execution_arn IS NULL"),
            ("schedule delivery without its schedule", "SELECT COUNT(*) FROM schedule_deliveries d LEFT JOIN schedules s ON s.group_name=d.group_name AND s.name=d.name WHERE s.name IS NULL"),
            ("foreign key violation", "SELECT COUNT(*) FROM pragma_foreign_key_check"),
        };
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = db, Pooling = false }.ToString());
        connection.Open();
        var violations = new List<string>();
        foreach (var (name, sql) in checks)
        {
            using var command = connection.CreateCommand();
            command.CommandText = sql;
            if (command.ExecuteScalar() is long n && n > 0)
                violations.Add($"{n} × {name}");
        }

        return violations;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Dir, recursive: true);
        }
        catch (IOException)
        {
            // Best effort.
        }
    }
}
