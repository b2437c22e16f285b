namespace Quickstep.Storage.Sqlite;

/// <summary>
/// The schema; dates are Unix milliseconds, configuration objects JSON text. History and log records of an
/// execution are one row each (execution_history, execution_logs: a JSON array of [id, event] and
/// [id, ts, record]), written once when it ends; the older one-row-per-event tables history and logs are
/// still read for executions stored before. Executions stored since keep their logging level (executions.log_level,
/// log_data) instead of log records: the server derives the records from the history on read.
/// A deleted state machine and its versions are kept in retired_state_machines and retired_versions while
/// executions of theirs are stored (DescribeStateMachineForExecution still answers for them).
/// </summary>
internal static class SqliteSchema
{
    /// <summary>The columns of state_machines, and of retired_state_machines, which keeps deleted ones as they were.</summary>
    private const string StateMachineColumns = """
        arn TEXT PRIMARY KEY, name TEXT NOT NULL, definition TEXT NOT NULL, role_arn TEXT NOT NULL,
            type TEXT NOT NULL, logging TEXT NOT NULL, tracing TEXT NOT NULL, revision_id TEXT NOT NULL,
            creation_date INTEGER NOT NULL, update_date INTEGER
        """;

    /// <summary>The columns of versions, and of retired_versions, which keeps those of deleted state machines as they were.</summary>
    private const string VersionColumns = """
        arn TEXT PRIMARY KEY, sm_arn TEXT NOT NULL, version INTEGER NOT NULL, definition TEXT NOT NULL,
            role_arn TEXT NOT NULL, logging TEXT NOT NULL, tracing TEXT NOT NULL, revision_id TEXT NOT NULL,
            description TEXT, creation_date INTEGER NOT NULL
        """;

    public const string Create = $"""
        PRAGMA journal_mode=WAL;
        CREATE TABLE IF NOT EXISTS state_machines({StateMachineColumns});
        CREATE TABLE IF NOT EXISTS versions({VersionColumns});
        CREATE INDEX IF NOT EXISTS ix_versions_sm ON versions(sm_arn, version);
        CREATE TABLE IF NOT EXISTS aliases(
            arn TEXT PRIMARY KEY, sm_arn TEXT NOT NULL, name TEXT NOT NULL, description TEXT,
            routing TEXT NOT NULL, creation_date INTEGER NOT NULL, update_date INTEGER NOT NULL);
        CREATE INDEX IF NOT EXISTS ix_aliases_sm ON aliases(sm_arn, name);
        CREATE TABLE IF NOT EXISTS tags(
            resource_arn TEXT NOT NULL, key TEXT NOT NULL, value TEXT NOT NULL, PRIMARY KEY(resource_arn, key)) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS executions(
            arn TEXT PRIMARY KEY, sm_arn TEXT NOT NULL, version_arn TEXT, alias_arn TEXT, name TEXT NOT NULL,
            status TEXT NOT NULL, input TEXT NOT NULL, output TEXT, error TEXT, cause TEXT, trace_header TEXT,
            start_date INTEGER NOT NULL, stop_date INTEGER, sync INTEGER NOT NULL,
            billed_ms INTEGER NOT NULL, billed_mb INTEGER NOT NULL, seq INTEGER NOT NULL,
            log_level TEXT, log_data INTEGER NOT NULL DEFAULT 0);
        CREATE INDEX IF NOT EXISTS ix_executions_sm ON executions(sm_arn, seq);
        CREATE INDEX IF NOT EXISTS ix_executions_name ON executions(sm_arn, name);
        CREATE INDEX IF NOT EXISTS ix_executions_stop ON executions(stop_date);
        CREATE TABLE IF NOT EXISTS history(
            execution_arn TEXT NOT NULL, id INTEGER NOT NULL, json TEXT NOT NULL, PRIMARY KEY(execution_arn, id)) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS logs(
            execution_arn TEXT NOT NULL, id INTEGER NOT NULL, ts INTEGER NOT NULL, json TEXT NOT NULL, PRIMARY KEY(execution_arn, id)) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS execution_history(execution_arn TEXT PRIMARY KEY, events TEXT NOT NULL);
        CREATE TABLE IF NOT EXISTS execution_logs(execution_arn TEXT PRIMARY KEY, records TEXT NOT NULL);
        CREATE TABLE IF NOT EXISTS queue(
            execution_arn TEXT PRIMARY KEY, state INTEGER NOT NULL, seq INTEGER NOT NULL, attempts INTEGER NOT NULL);
        CREATE INDEX IF NOT EXISTS ix_queue_state ON queue(state, seq);
        CREATE TABLE IF NOT EXISTS retired_state_machines({StateMachineColumns});
        CREATE TABLE IF NOT EXISTS retired_versions({VersionColumns});
        CREATE TABLE IF NOT EXISTS usage(
            sm_arn TEXT PRIMARY KEY, executions INTEGER NOT NULL, billed_ms INTEGER NOT NULL, billed_mb_ms INTEGER NOT NULL);
        """;

    /// <summary>Columns added since the first schema, for databases created before them: (table, column, definition).</summary>
    public static readonly (string Table, string Column, string Definition)[] AddedColumns =
    [
        ("executions", "log_level", "TEXT"),
        ("executions", "log_data", "INTEGER NOT NULL DEFAULT 0"),
    ];
}
