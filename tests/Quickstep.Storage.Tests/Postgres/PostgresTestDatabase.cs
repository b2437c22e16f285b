using Microsoft.Extensions.Time.Testing;
using Quickstep.Storage.Postgres;

namespace Quickstep.Storage.Tests.Postgres;

/// <summary>
/// A fresh database on the test PostgreSQL server. Each open is a new node on a shared fake clock; a reopen
/// moves the clock past the lease first, as if the node before had died (its work is then taken over).
/// </summary>
internal sealed class PostgresTestDatabase : IStoreDatabase
{
    public static readonly TimeSpan Lease = TimeSpan.FromSeconds(10);
    private readonly Lazy<Task<string>> _connectionString = new(PostgresServer.CreateDatabaseAsync);
    private readonly List<PostgresDatabase> _opened = [];
    private int _opens;

    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));

    public Task<string> ConnectionStringAsync() => _connectionString.Value;

    public async Task<IQuickstepStore> OpenAsync() => await OpenNodeAsync(advance: true);

    /// <summary>A node on the database; <paramref name="advance"/>: after the lease of the nodes before expired.</summary>
    public async Task<PostgresStore> OpenNodeAsync(bool advance = false, string? nodeId = null)
    {
        if (advance && Interlocked.Increment(ref _opens) > 1)
            Clock.Advance(Lease * 2);
        var database = PostgresDatabase.Open(await _connectionString.Value);
        lock (_opened)
            _opened.Add(database);
        var store = new PostgresStore(database, new PostgresStoreOptions { NodeId = nodeId ?? "node-" + Guid.NewGuid().ToString("N")[..8], LeaseDuration = Lease, TimeProvider = Clock });
        await store.InitializeAsync();
        return store;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var d in _opened)
            await d.DisposeAsync();
    }
}
