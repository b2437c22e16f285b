namespace Quickstep.Storage.Postgres;

/// <summary>
/// The "core" migration module: SQLite's schema (dates as Unix milliseconds, configuration as JSON text, one
/// history row and one log row per execution) plus what several nodes need: the owner of each queue entry and
/// of each synchronous execution, the nodes' leases (quickstep_nodes) and the leader leases (quickstep_leases).
/// Steps are only ever appended.
/// </summary>
internal static class PostgresCoreSchema
{
    public const string Module = "core";

    public static readonly string[] Steps =
    [
        """
        CREATE TABLE state_machines(
            arn text PRIMARY KEY, name text NOT NULL, definition text NOT NULL, role_arn text NOT NULL,
            type text NOT NULL, logging text NOT NULL, tracing text NOT NULL, revision_id text NOT NULL,
            creation_date bigint NOT NULL, update_date bigint);
        CREATE INDEX ix_state_machines_name ON state_machines(name, arn);
        CREATE TABLE versions(
            arn text PRIMARY KEY, sm_arn text NOT NULL, version integer NOT NULL, definition text NOT NULL,
            role_arn text NOT NULL, logging text NOT NULL, tracing text NOT NULL, revision_id text NOT NULL,
            description text, creation_date bigint NOT NULL);
        CREATE INDEX ix_versions_sm ON versions(sm_arn, version);
        CREATE TABLE aliases(
            arn text PRIMARY KEY, sm_arn text NOT NULL, name text NOT NULL, description text,
            routing text NOT NULL, creation_date bigint NOT NULL, update_date bigint NOT NULL);
        CREATE INDEX ix_aliases_sm ON aliases(sm_arn, name);
        CREATE TABLE tags(resource_arn text NOT NULL, key text NOT NULL, value text NOT NULL, PRIMARY KEY(resource_arn, key));
        CREATE TABLE executions(
            arn text PRIMARY KEY, sm_arn text NOT NULL, version_arn text, alias_arn text, name text NOT NULL,
            status text NOT NULL, input text NOT NULL, output text, error text, cause text, trace_header text,
            start_date bigint NOT NULL, stop_date bigint, sync boolean NOT NULL,
            billed_ms bigint NOT NULL, billed_mb bigint NOT NULL, log_level text, log_data boolean NOT NULL,
            seq bigint GENERATED ALWAYS AS IDENTITY, owner text);
        CREATE INDEX ix_executions_sm ON executions(sm_arn, seq);
        CREATE INDEX ix_executions_name ON executions(sm_arn, name);
        CREATE INDEX ix_executions_stop ON executions(stop_date) WHERE stop_date IS NOT NULL;
        CREATE INDEX ix_executions_sync_running ON executions(owner) WHERE sync AND status = 'RUNNING';
        CREATE TABLE execution_history(execution_arn text PRIMARY KEY, events text NOT NULL);
        CREATE TABLE execution_logs(execution_arn text PRIMARY KEY, records text NOT NULL);
        CREATE TABLE queue(
            execution_arn text PRIMARY KEY, state integer NOT NULL, seq bigint GENERATED ALWAYS AS IDENTITY,
            attempts integer NOT NULL DEFAULT 0, owner text NOT NULL);
        CREATE INDEX ix_queue_open ON queue(owner, seq) WHERE state <> 2;
        CREATE TABLE retired_state_machines(LIKE state_machines);
        ALTER TABLE retired_state_machines ADD PRIMARY KEY (arn);
        CREATE TABLE retired_versions(LIKE versions);
        ALTER TABLE retired_versions ADD PRIMARY KEY (arn);
        CREATE TABLE usage(sm_arn text PRIMARY KEY, executions bigint NOT NULL, billed_ms bigint NOT NULL, billed_mb_ms bigint NOT NULL);
        CREATE TABLE quickstep_nodes(id text PRIMARY KEY, expires_at bigint NOT NULL);
        CREATE TABLE quickstep_leases(name text PRIMARY KEY, holder text NOT NULL, expires_at bigint NOT NULL);
        """,
    ];
}
