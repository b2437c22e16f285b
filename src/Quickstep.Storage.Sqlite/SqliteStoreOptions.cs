namespace Quickstep.Storage.Sqlite;

/// <summary>Where the SQLite database lives.</summary>
public sealed class SqliteStoreOptions
{
    /// <summary>The database file; its directory is created. Default "./.quickstep/quickstep.db".</summary>
    public string Path { get; init; } = System.IO.Path.Combine(".quickstep", "quickstep.db");
}
