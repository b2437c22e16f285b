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
