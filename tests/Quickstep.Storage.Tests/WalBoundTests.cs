using Quickstep.Storage.Sqlite;

namespace Quickstep.Storage.Tests;

/// <summary>Issue 18: under steady writes with readers always open, the write-ahead log stays near its limit instead of growing with every write.</summary>
public sealed class WalBoundTests
{
    private const long Limit = 512 * 1024;

    [Fact]
    public async Task SteadyWritesWithConstantReaders_KeepTheWalNearItsLimit()
    {
        await using var db = new TempDatabase();
        await using var store = new SqliteStore(new SqliteStoreOptions { Path = db.Path, WalSizeLimitBytes = Limit });
        await store.InitializeAsync();
        var padding = new string('x', 100 * 1024);
        using var stop = new CancellationTokenSource();
        var readers = Enumerable.Range(0, 2).Select(_ => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
                await store.ListStateMachinesAsync(null, 50);
        })).ToArray();

        var written = 0L;
        var peak = 0L;
        for (var i = 0; i < 300; i++)
        {
            var machine = SqliteStoreTests.Machine("m" + i) with { Definition = "{\"Comment\":\"" + padding + "\",\"StartAt\":\"A\",\"States\":{\"A\":{\"Type\":\"Pass\",\"End\":true}}}" };
            Assert.True(await store.TryCreateStateMachineAsync(machine, []));
            written += machine.Definition.Length;
            peak = Math.Max(peak, new FileInfo(db.Path + "-wal").Length);
        }

        // Let a few checkpoint rounds (250 ms apart) run while the readers go on.
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (new FileInfo(db.Path + "-wal").Length > 2 * Limit && DateTime.UtcNow < deadline)
            await Task.Delay(100);
        var final = new FileInfo(db.Path + "-wal").Length;
        await stop.CancelAsync();
        await Task.WhenAll(readers);

        Assert.True(written > 50 * Limit, $"wrote {written} bytes");
        Assert.True(final <= 2 * Limit, $"WAL is {final} bytes after {written} bytes written (peak {peak}); limit {Limit}");
    }
}
