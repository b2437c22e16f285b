using System.Globalization;
using Npgsql;
using NpgsqlTypes;
using Quickstep.Engine;
using Quickstep.Storage.Rows;
using static Quickstep.Storage.Postgres.PostgresSql;

namespace Quickstep.Storage.Postgres;

/// <summary>
/// The store of a node that shares one PostgreSQL database with other nodes. Definitions are read and written
/// directly (no cache: another node may change them); executions' writes go through a group-commit writer
/// (<see cref="PostgresWriter"/>). Each async execution's queue entry and each sync execution carry the id of
/// the node that runs it; a node's lease (a row of quickstep_nodes, renewed by <see cref="RenewLeaseAsync"/>)
/// covers all of them, and when it expires another node claims the queue entries (FOR UPDATE SKIP LOCKED) and
/// aborts the synchronous executions (at most once).
/// </summary>
public sealed partial class PostgresStore : IQuickstepStore
{
    private const string SmColumns = DefinitionRows.StateMachineColumns;
    private const string VersionColumns = DefinitionRows.VersionColumns;
    private const string AliasSelect = $"SELECT {DefinitionRows.AliasColumns} FROM aliases";

    private readonly PostgresDatabase _db;
    private readonly PostgresStoreOptions _options;
    private readonly PostgresWriter _writer;

    public PostgresStore(PostgresDatabase database, PostgresStoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(options);
        _db = database;
        _options = options;
        _writer = new PostgresWriter(database.DataSource);
    }

    public PostgresDatabase Database => _db;

    public string NodeId => _options.NodeId;

    public TimeSpan? LeaseDuration => _options.LeaseDuration;

    private NpgsqlDataSource Source => _db.DataSource;

    private long Now => Ms(_options.TimeProvider.GetUtcNow());

    /// <summary>Applies the "core" migrations and registers this node's lease.</summary>
    public async Task InitializeAsync(CancellationToken cancellationToken = default)
    {
        await _db.MigrateAsync(PostgresCoreSchema.Module, PostgresCoreSchema.Steps, cancellationToken).ConfigureAwait(false);
        await RenewLeaseAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The notification topic of a node giving its lease up (the payload's name is the node's id).</summary>
    public const string NodeLeftTopic = "nodes";

    /// <summary>
    /// Commits what is queued, then gives this node's lease up and notifies the other nodes, so that they take
    /// its unfinished work over at once instead of after the lease.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        await _writer.DisposeAsync().ConfigureAwait(false);
        try
        {
            await ExecAsync(Source, "UPDATE quickstep_nodes SET expires_at = 0 WHERE id=$1", CancellationToken.None, Text(_options.NodeId)).ConfigureAwait(false);
            await ExecAsync(Source, $"SELECT pg_notify('{PostgresNotifications.Channel}', '{NodeLeftTopic}:' || $1)", CancellationToken.None, Text(_options.NodeId)).ConfigureAwait(false);
        }
        catch (NpgsqlException)
        {
            // The database is gone: the lease expires by itself.
        }
    }

    // ---- state machines ----

    public async Task<bool> TryCreateStateMachineAsync(StateMachineRecord stateMachine, IReadOnlyList<ResourceTag> tags, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stateMachine);
        ArgumentNullException.ThrowIfNull(tags);
        return await InTransactionAsync(async (c, tx) =>
        {
            if (await ExecInAsync(c, tx, $"INSERT INTO state_machines({SmColumns}) VALUES($1,$2,$3,$4,$5,$6,$7,$8,$9,$10) ON CONFLICT (arn) DO NOTHING", cancellationToken, SmArgs(stateMachine)).ConfigureAwait(false) == 0)
                return false;
            foreach (var tag in tags)
                await ExecInAsync(c, tx, UpsertTag, cancellationToken, Text(stateMachine.Arn), Text(tag.Key), Text(tag.Value)).ConfigureAwait(false);
            return true;
        }, cancellationToken).ConfigureAwait(false);
    }

    public Task<StateMachineRecord?> GetStateMachineAsync(string arn, CancellationToken cancellationToken = default) =>
        ReadOneAsync(Source, $"SELECT {SmColumns} FROM state_machines WHERE arn=$1", DefinitionRows.StateMachine, cancellationToken, Text(arn));

    public Task UpdateStateMachineAsync(StateMachineRecord stateMachine, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stateMachine);
        return ExecAsync(Source, "UPDATE state_machines SET name=$2, definition=$3, role_arn=$4, type=$5, logging=$6, tracing=$7, revision_id=$8, creation_date=$9, update_date=$10 WHERE arn=$1",
            cancellationToken, SmArgs(stateMachine));
    }

    public Task<bool> DeleteStateMachineAsync(string arn, CancellationToken cancellationToken = default) =>
        InTransactionAsync(async (c, tx) =>
        {
            string[] steps =
            [
                "DELETE FROM retired_state_machines WHERE arn=$1",
                $"INSERT INTO retired_state_machines({SmColumns}) SELECT {SmColumns} FROM state_machines WHERE arn=$1",
                "DELETE FROM retired_versions WHERE sm_arn=$1",
                $"INSERT INTO retired_versions({VersionColumns}) SELECT {VersionColumns} FROM versions WHERE sm_arn=$1",
                "DELETE FROM tags WHERE resource_arn=$1 OR resource_arn IN (SELECT arn FROM versions WHERE sm_arn=$1) OR resource_arn IN (SELECT arn FROM aliases WHERE sm_arn=$1)",
                "DELETE FROM versions WHERE sm_arn=$1",
                "DELETE FROM aliases WHERE sm_arn=$1",
            ];
            foreach (var step in steps)
                await ExecInAsync(c, tx, step, cancellationToken, Text(arn)).ConfigureAwait(false);
            return await ExecInAsync(c, tx, "DELETE FROM state_machines WHERE arn=$1", cancellationToken, Text(arn)).ConfigureAwait(false) > 0;
        }, cancellationToken);

    public Task<StateMachineRecord?> GetRetiredStateMachineAsync(string arn, CancellationToken cancellationToken = default) =>
        ReadOneAsync(Source, $"SELECT {SmColumns} FROM retired_state_machines WHERE arn=$1", DefinitionRows.StateMachine, cancellationToken, Text(arn));

    public Task<StateMachineVersionRecord?> GetRetiredVersionAsync(string versionArn, CancellationToken cancellationToken = default) =>
        ReadOneAsync(Source, $"SELECT {VersionColumns} FROM retired_versions WHERE arn=$1", DefinitionRows.Version, cancellationToken, Text(versionArn));

    /// <summary>Ordered by (name, ARN); the key is "name\nARN".</summary>
    public Task<StorePage<StateMachineRecord>> ListStateMachinesAsync(string? after, int limit, CancellationToken cancellationToken = default)
    {
        var (name, arn) = DefinitionRows.SplitStateMachineKey(after);
        return ReadPageAsync(Source, $"SELECT {SmColumns} FROM state_machines WHERE ($1::text IS NULL OR (name, arn) > ($1, $2)) ORDER BY name, arn LIMIT $3",
            DefinitionRows.StateMachineWithKey, limit, cancellationToken, Text(name), Text(arn));
    }

    private static (NpgsqlDbType, object?)[] SmArgs(StateMachineRecord s) =>
    [
        Text(s.Arn), Text(s.Name), Text(s.Definition), Text(s.RoleArn), Text(s.Type), Text(s.LoggingConfiguration),
        Text(s.TracingConfiguration), Text(s.RevisionId), Long(Ms(s.CreationDate)), Long(s.UpdateDate is { } u ? Ms(u) : null),
    ];

    // ---- versions ----

    public Task AddVersionAsync(StateMachineVersionRecord version, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(version);
        return ExecAsync(Source, $"INSERT INTO versions({VersionColumns}) VALUES($1,$2,$3,$4,$5,$6,$7,$8,$9,$10)", cancellationToken,
            Text(version.Arn), Text(version.StateMachineArn), Int(version.Version), Text(version.Definition), Text(version.RoleArn),
            Text(version.LoggingConfiguration), Text(version.TracingConfiguration), Text(version.RevisionId), Text(version.Description), Long(Ms(version.CreationDate)));
    }

    public Task<StateMachineVersionRecord?> GetVersionAsync(string versionArn, CancellationToken cancellationToken = default) =>
        ReadOneAsync(Source, $"SELECT {VersionColumns} FROM versions WHERE arn=$1", DefinitionRows.Version, cancellationToken, Text(versionArn));

    /// <summary>Newest first; the key is the version number.</summary>
    public Task<StorePage<StateMachineVersionRecord>> ListVersionsAsync(string stateMachineArn, string? after, int limit, CancellationToken cancellationToken = default)
    {
        int? below = after is null ? null : int.TryParse(after, NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : 0;
        return ReadPageAsync(Source, $"SELECT {VersionColumns} FROM versions WHERE sm_arn=$1 AND ($2::integer IS NULL OR version < $2) ORDER BY version DESC LIMIT $3",
            DefinitionRows.VersionWithKey, limit, cancellationToken, Text(stateMachineArn), Int(below));
    }

    public Task<bool> DeleteVersionAsync(string versionArn, CancellationToken cancellationToken = default) =>
        InTransactionAsync(async (c, tx) =>
        {
            await ExecInAsync(c, tx, "DELETE FROM tags WHERE resource_arn=$1", cancellationToken, Text(versionArn)).ConfigureAwait(false);
            return await ExecInAsync(c, tx, "DELETE FROM versions WHERE arn=$1", cancellationToken, Text(versionArn)).ConfigureAwait(false) > 0;
        }, cancellationToken);

    // ---- aliases ----

    public async Task<bool> TryCreateAliasAsync(StateMachineAliasRecord alias, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(alias);
        return await ExecAsync(Source, "INSERT INTO aliases(arn,sm_arn,name,description,routing,creation_date,update_date) VALUES($1,$2,$3,$4,$5,$6,$7) ON CONFLICT (arn) DO NOTHING",
            cancellationToken, AliasArgs(alias)).ConfigureAwait(false) > 0;
    }

    public Task<StateMachineAliasRecord?> GetAliasAsync(string aliasArn, CancellationToken cancellationToken = default) =>
        ReadOneAsync(Source, AliasSelect + " WHERE arn=$1", DefinitionRows.Alias, cancellationToken, Text(aliasArn));

    public Task UpdateAliasAsync(StateMachineAliasRecord alias, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(alias);
        return ExecAsync(Source, "UPDATE aliases SET sm_arn=$2, name=$3, description=$4, routing=$5, creation_date=$6, update_date=$7 WHERE arn=$1", cancellationToken, AliasArgs(alias));
    }

    public Task<bool> DeleteAliasAsync(string aliasArn, CancellationToken cancellationToken = default) =>
        InTransactionAsync(async (c, tx) =>
        {
            await ExecInAsync(c, tx, "DELETE FROM tags WHERE resource_arn=$1", cancellationToken, Text(aliasArn)).ConfigureAwait(false);
            return await ExecInAsync(c, tx, "DELETE FROM aliases WHERE arn=$1", cancellationToken, Text(aliasArn)).ConfigureAwait(false) > 0;
        }, cancellationToken);

    /// <summary>Ordered by name; the key is the name.</summary>
    public Task<StorePage<StateMachineAliasRecord>> ListAliasesAsync(string stateMachineArn, string? after, int limit, CancellationToken cancellationToken = default) =>
        ReadPageAsync(Source, AliasSelect + " WHERE sm_arn=$1 AND ($2::text IS NULL OR name > $2) ORDER BY name LIMIT $3",
            DefinitionRows.AliasWithKey, limit, cancellationToken, Text(stateMachineArn), Text(after));

    private static (NpgsqlDbType, object?)[] AliasArgs(StateMachineAliasRecord a) =>
    [
        Text(a.Arn), Text(a.StateMachineArn), Text(a.Name), Text(a.Description),
        Text(StoreJson.RoutingText(a.RoutingConfiguration)),
        Long(Ms(a.CreationDate)), Long(Ms(a.UpdateDate)),
    ];

    // ---- tags ----

    private const string UpsertTag = "INSERT INTO tags(resource_arn,key,value) VALUES($1,$2,$3) ON CONFLICT (resource_arn,key) DO UPDATE SET value=excluded.value";

    public async Task<IReadOnlyList<ResourceTag>> GetTagsAsync(string resourceArn, CancellationToken cancellationToken = default) =>
        await ReadManyAsync(Source, "SELECT key, value FROM tags WHERE resource_arn=$1 ORDER BY key", DefinitionRows.Tag, cancellationToken, Text(resourceArn)).ConfigureAwait(false);

    public Task SetTagsAsync(string resourceArn, IReadOnlyList<ResourceTag> tags, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tags);
        return InTransactionAsync(async (c, tx) =>
        {
            foreach (var tag in tags)
                await ExecInAsync(c, tx, UpsertTag, cancellationToken, Text(resourceArn), Text(tag.Key), Text(tag.Value)).ConfigureAwait(false);
            return true;
        }, cancellationToken);
    }

    public Task RemoveTagsAsync(string resourceArn, IReadOnlyList<string> keys, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);
        return ExecAsync(Source, "DELETE FROM tags WHERE resource_arn=$1 AND key = ANY($2)", cancellationToken, Text(resourceArn), (NpgsqlDbType.Array | NpgsqlDbType.Text, keys.ToArray()));
    }

    // ---- plumbing ----

    private async Task<T> InTransactionAsync<T>(Func<NpgsqlConnection, NpgsqlTransaction, Task<T>> work, CancellationToken ct)
    {
        await using var connection = await Source.OpenConnectionAsync(ct).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(ct).ConfigureAwait(false);
        var result = await work(connection, transaction).ConfigureAwait(false);
        await transaction.CommitAsync(ct).ConfigureAwait(false);
        return result;
    }

    private static async Task<int> ExecInAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, CancellationToken ct, params (NpgsqlDbType, object?)[] args)
    {
#pragma warning disable CA2100 // every statement is a constant of the stores; values go through parameters.
        await using var command = new NpgsqlCommand(sql, connection, transaction);
#pragma warning restore CA2100
        Bind(command.Parameters, args);
        return await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
    }
}
