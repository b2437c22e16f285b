using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Quickstep.Storage.Rows;
using static Quickstep.Storage.Sqlite.SqliteDatabase;

namespace Quickstep.Storage.Sqlite;

/// <summary>
/// State machines with their versions, aliases and tags. They are cached after the first read: every change
/// to them goes through this store, which drops the cached copies when it commits.
/// </summary>
internal sealed class SqliteDefinitionStore
{
    /// <summary>Cached definitions kept at most; past it the cache starts over.</summary>
    private const int MaxCached = 10_000;

    private const string SmSelect = $"SELECT {DefinitionRows.StateMachineColumns} FROM state_machines";
    private const string VersionSelect = $"SELECT {DefinitionRows.VersionColumns} FROM versions";
    private const string AliasSelect = $"SELECT {DefinitionRows.AliasColumns} FROM aliases";

    private readonly SqliteDatabase _db;
    private readonly ConcurrentDictionary<string, object> _cache = new(StringComparer.Ordinal);
    private long _cacheEpoch;

    public SqliteDefinitionStore(SqliteDatabase db) => _db = db;

    // ---- state machines ----

    public Task<bool> TryCreateStateMachineAsync(StateMachineRecord stateMachine, IReadOnlyList<ResourceTag> tags, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(stateMachine);
        ArgumentNullException.ThrowIfNull(tags);
        return WriteDefinitionAsync(w =>
        {
            if (w.Scalar("SELECT COUNT(*) FROM state_machines WHERE arn=$a", ("$a", stateMachine.Arn)) is long n && n > 0)
                return false;
            w.Exec("""
                INSERT INTO state_machines(arn,name,definition,role_arn,type,logging,tracing,revision_id,creation_date,update_date)
                VALUES($a,$n,$d,$r,$t,$l,$tr,$rev,$cd,$ud)
                """, SmParams(stateMachine));
            foreach (var tag in tags)
                UpsertTag(w, stateMachine.Arn, tag);
            return true;
        }, ct);
    }

    public Task<StateMachineRecord?> GetStateMachineAsync(string arn, CancellationToken ct) => CachedAsync(arn, SmSelect + " WHERE arn=$a", DefinitionRows.StateMachine, ct);

    public Task UpdateStateMachineAsync(StateMachineRecord stateMachine, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(stateMachine);
        return WriteDefinitionAsync(w => w.Exec("""
            UPDATE state_machines SET name=$n, definition=$d, role_arn=$r, type=$t, logging=$l, tracing=$tr,
            revision_id=$rev, creation_date=$cd, update_date=$ud WHERE arn=$a
            """, SmParams(stateMachine)), ct);
    }

    public Task<bool> DeleteStateMachineAsync(string arn, CancellationToken ct) =>
        WriteDefinitionAsync(w =>
        {
            w.Exec("""
                INSERT OR REPLACE INTO retired_state_machines SELECT * FROM state_machines WHERE arn=$a;
                INSERT OR REPLACE INTO retired_versions SELECT * FROM versions WHERE sm_arn=$a;
                """, ("$a", arn));
            var n = w.Exec("DELETE FROM state_machines WHERE arn=$a", ("$a", arn));
            w.Exec("""
                DELETE FROM tags WHERE resource_arn=$a OR resource_arn IN (SELECT arn FROM versions WHERE sm_arn=$a) OR resource_arn IN (SELECT arn FROM aliases WHERE sm_arn=$a);
                DELETE FROM versions WHERE sm_arn=$a;
                DELETE FROM aliases WHERE sm_arn=$a;
                """, ("$a", arn));
            return n > 0;
        }, ct);

    /// <summary>A deleted state machine (or version), as it was when it was deleted.</summary>
    public Task<StateMachineRecord?> GetRetiredStateMachineAsync(string arn, CancellationToken ct) =>
        _db.ReadOneAsync(SmSelect.Replace("FROM state_machines", "FROM retired_state_machines", StringComparison.Ordinal) + " WHERE arn=$a", DefinitionRows.StateMachine, ct, ("$a", arn));

    public Task<StateMachineVersionRecord?> GetRetiredVersionAsync(string versionArn, CancellationToken ct) =>
        _db.ReadOneAsync(VersionSelect.Replace("FROM versions", "FROM retired_versions", StringComparison.Ordinal) + " WHERE arn=$a", DefinitionRows.Version, ct, ("$a", versionArn));

    /// <summary>Ordered by (name, ARN); the key is "name\nARN".</summary>
    public Task<StorePage<StateMachineRecord>> ListStateMachinesAsync(string? after, int limit, CancellationToken ct)
    {
        var (name, arn) = DefinitionRows.SplitStateMachineKey(after);
        return _db.ReadPageAsync(SmSelect + " WHERE ($n IS NULL OR name > $n OR (name = $n AND arn > $a)) ORDER BY name, arn LIMIT $limit",
            DefinitionRows.StateMachineWithKey, limit, ct, ("$n", name), ("$a", arn));
    }

    private static (string, object?)[] SmParams(StateMachineRecord s) =>
    [
        ("$a", s.Arn), ("$n", s.Name), ("$d", s.Definition), ("$r", s.RoleArn), ("$t", s.Type), ("$l", s.LoggingConfiguration),
        ("$tr", s.TracingConfiguration), ("$rev", s.RevisionId), ("$cd", Ms(s.CreationDate)), ("$ud", s.UpdateDate is { } u ? Ms(u) : null),
    ];

    // ---- versions ----

    public Task AddVersionAsync(StateMachineVersionRecord version, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(version);
        return WriteDefinitionAsync(w => w.Exec("""
            INSERT INTO versions(arn,sm_arn,version,definition,role_arn,logging,tracing,revision_id,description,creation_date)
            VALUES($a,$sm,$v,$d,$r,$l,$tr,$rev,$desc,$cd)
            """,
            ("$a", version.Arn), ("$sm", version.StateMachineArn), ("$v", version.Version), ("$d", version.Definition), ("$r", version.RoleArn),
            ("$l", version.LoggingConfiguration), ("$tr", version.TracingConfiguration), ("$rev", version.RevisionId), ("$desc", version.Description),
            ("$cd", Ms(version.CreationDate))), ct);
    }

    public Task<StateMachineVersionRecord?> GetVersionAsync(string versionArn, CancellationToken ct) => CachedAsync(versionArn, VersionSelect + " WHERE arn=$a", DefinitionRows.Version, ct);

    /// <summary>Newest first; the key is the version number.</summary>
    public Task<StorePage<StateMachineVersionRecord>> ListVersionsAsync(string stateMachineArn, string? after, int limit, CancellationToken ct)
    {
        long? below = after is null ? null : long.TryParse(after, NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : 0;
        return _db.ReadPageAsync(VersionSelect + " WHERE sm_arn=$a AND ($v IS NULL OR version < $v) ORDER BY version DESC LIMIT $limit",
            DefinitionRows.VersionWithKey, limit, ct, ("$a", stateMachineArn), ("$v", below));
    }

    public Task<bool> DeleteVersionAsync(string versionArn, CancellationToken ct) =>
        WriteDefinitionAsync(w => w.Exec("DELETE FROM versions WHERE arn=$a; DELETE FROM tags WHERE resource_arn=$a", ("$a", versionArn)) > 0, ct);

    // ---- aliases ----

    public Task<bool> TryCreateAliasAsync(StateMachineAliasRecord alias, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(alias);
        return WriteDefinitionAsync(w =>
        {
            if (w.Scalar("SELECT COUNT(*) FROM aliases WHERE arn=$a", ("$a", alias.Arn)) is long n && n > 0)
                return false;
            w.Exec("INSERT INTO aliases(arn,sm_arn,name,description,routing,creation_date,update_date) VALUES($a,$sm,$n,$d,$r,$cd,$ud)", AliasParams(alias));
            return true;
        }, ct);
    }

    public Task<StateMachineAliasRecord?> GetAliasAsync(string aliasArn, CancellationToken ct) => CachedAsync(aliasArn, AliasSelect + " WHERE arn=$a", DefinitionRows.Alias, ct);

    public Task UpdateAliasAsync(StateMachineAliasRecord alias, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(alias);
        return WriteDefinitionAsync(w => w.Exec("UPDATE aliases SET sm_arn=$sm, name=$n, description=$d, routing=$r, creation_date=$cd, update_date=$ud WHERE arn=$a",
            AliasParams(alias)), ct);
    }

    public Task<bool> DeleteAliasAsync(string aliasArn, CancellationToken ct) =>
        WriteDefinitionAsync(w => w.Exec("DELETE FROM aliases WHERE arn=$a; DELETE FROM tags WHERE resource_arn=$a", ("$a", aliasArn)) > 0, ct);

    /// <summary>Ordered by name; the key is the name.</summary>
    public Task<StorePage<StateMachineAliasRecord>> ListAliasesAsync(string stateMachineArn, string? after, int limit, CancellationToken ct) =>
        _db.ReadPageAsync(AliasSelect + " WHERE sm_arn=$a AND ($n IS NULL OR name > $n) ORDER BY name LIMIT $limit",
            DefinitionRows.AliasWithKey, limit, ct, ("$a", stateMachineArn), ("$n", after));

    private static (string, object?)[] AliasParams(StateMachineAliasRecord a) =>
    [
        ("$a", a.Arn), ("$sm", a.StateMachineArn), ("$n", a.Name), ("$d", a.Description),
        ("$r", StoreJson.RoutingText(a.RoutingConfiguration)),
        ("$cd", Ms(a.CreationDate)), ("$ud", Ms(a.UpdateDate)),
    ];

    // ---- tags ----

    public Task<IReadOnlyList<ResourceTag>> GetTagsAsync(string resourceArn, CancellationToken ct) =>
        _db.ReadManyAsync("SELECT key, value FROM tags WHERE resource_arn=$a ORDER BY key", DefinitionRows.Tag, ct, ("$a", resourceArn));

    public Task SetTagsAsync(string resourceArn, IReadOnlyList<ResourceTag> tags, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(tags);
        return _db.WriteAsync(w =>
        {
            foreach (var tag in tags)
                UpsertTag(w, resourceArn, tag);
            return true;
        }, ct);
    }

    public Task RemoveTagsAsync(string resourceArn, IReadOnlyList<string> keys, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(keys);
        return _db.WriteAsync(w =>
        {
            foreach (var key in keys)
                w.Exec("DELETE FROM tags WHERE resource_arn=$a AND key=$k", ("$a", resourceArn), ("$k", key));
            return true;
        }, ct);
    }

    private static void UpsertTag(SqliteBatch w, string arn, ResourceTag tag) =>
        w.Exec("INSERT INTO tags(resource_arn,key,value) VALUES($a,$k,$v) ON CONFLICT(resource_arn,key) DO UPDATE SET value=excluded.value", ("$a", arn), ("$k", tag.Key), ("$v", tag.Value));

    // ---- cache ----

    /// <summary>A write to state machines, versions or aliases: the cache forgets everything when it commits.</summary>
    private Task<T> WriteDefinitionAsync<T>(Func<SqliteBatch, T> work, CancellationToken ct) => _db.WriteAsync(work, ct, ForgetCached);

    private void ForgetCached()
    {
        Interlocked.Increment(ref _cacheEpoch);
        _cache.Clear();
    }

    /// <summary>
    /// A definition by ARN, from the cache or the database. A copy read while a write committed is not
    /// kept (the epoch moved), so the cache never holds a version older than the last commit.
    /// </summary>
    private async Task<T?> CachedAsync<T>(string arn, string sql, Func<SqliteDataReader, T> read, CancellationToken ct)
        where T : class
    {
        if (_cache.TryGetValue(arn, out var hit) && hit is T cached)
            return cached;
        var epoch = Interlocked.Read(ref _cacheEpoch);
        var found = await _db.ReadOneAsync(sql, read, ct, ("$a", arn)).ConfigureAwait(false);
        if (found is null)
            return null;
        if (_cache.Count >= MaxCached)
            _cache.Clear();
        _cache[arn] = found;
        if (Interlocked.Read(ref _cacheEpoch) != epoch)
            _cache.TryRemove(arn, out _);
        return found;
    }
}
