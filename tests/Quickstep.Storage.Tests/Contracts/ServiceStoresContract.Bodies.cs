using Quickstep.Storage.Objects;

namespace Quickstep.Storage.Tests.Contracts;

/// <summary>The S3 body store: bodies written in pieces, read whole or by range after a reopen, copied, deleted; unfinished writes leave nothing.</summary>
public abstract partial class ServiceStoresContract
{
    /// <summary>Larger than two PostgreSQL chunks, so that ranges cross chunk boundaries.</summary>
    private const int BodySize = (2 << 20) + 12345;

    private static byte[] Pattern(int length, int seed)
    {
        var bytes = new byte[length];
        for (var i = 0; i < length; i++)
            bytes[i] = (byte)((i * 31) + seed + (i >> 11));
        return bytes;
    }

    private static string BodyId(char c) => new(c, 32);

    /// <summary>Writes <paramref name="body"/> in pieces of uneven sizes (none a divisor of a chunk).</summary>
    private static async Task<long> WriteBodyAsync(IObjectBodyStore bodies, string id, byte[] body)
    {
        await using var writer = await bodies.CreateAsync(id);
        var sizes = new[] { 1, 7000, 65537, 300_001 };
        for (int at = 0, i = 0; at < body.Length; i++)
        {
            var n = Math.Min(sizes[i % sizes.Length], body.Length - at);
            await writer.WriteAsync(body.AsMemory(at, n));
            at += n;
        }

        return await writer.CompleteAsync();
    }

    private static async Task<byte[]?> ReadBodyAsync(IObjectBodyStore bodies, string id, long offset, long length)
    {
        await using var stream = await bodies.OpenReadAsync(id, offset, length);
        if (stream is null)
            return null;
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy, 5000);
        return copy.ToArray();
    }

    [Fact]
    public async Task ObjectBodyStore_WrittenInPieces_ReadWholeAndByRange_AfterReopen()
    {
        await using var db = await CreateHostAsync();
        var body = Pattern(BodySize, 3);
        await using (var store = await db.OpenAsync())
        {
            Assert.Equal(BodySize, await WriteBodyAsync(store.ObjectBodies, BodyId('a'), body));
            Assert.Equal(0, await WriteBodyAsync(store.ObjectBodies, BodyId('b'), []));
        }

        await using (var store = await db.OpenAsync())
        {
            var bodies = store.ObjectBodies;
            Assert.Equal(body, await ReadBodyAsync(bodies, BodyId('a'), 0, BodySize));
            Assert.Equal(Array.Empty<byte>(), await ReadBodyAsync(bodies, BodyId('b'), 0, 0));
            const int Chunk = 1 << 20;
            (long Offset, int Length)[] ranges = [(0, 1), (Chunk - 1, 2), (Chunk, Chunk), (Chunk - 5, Chunk + 10), (BodySize - 10, 10), (12345, 0), (1, BodySize - 1)];
            foreach (var (offset, length) in ranges)
                Assert.Equal(body.AsSpan((int)offset, length).ToArray(), await ReadBodyAsync(bodies, BodyId('a'), offset, length));
            Assert.Null(await bodies.OpenReadAsync(BodyId('c'), 0, 0));
        }
    }

    [Fact]
    public async Task ObjectBodyStore_Copy_WhileReading_AndAReaderOutlivesTheDelete()
    {
        await using var db = await CreateHostAsync();
        await using var store = await db.OpenAsync();
        var bodies = store.ObjectBodies;
        var body = Pattern(BodySize, 9);
        await WriteBodyAsync(bodies, BodyId('1'), body);

        // A copy streams one body into another: a read and a write open at once.
        await using (var source = await bodies.OpenReadAsync(BodyId('1'), 0, BodySize))
        {
            await using var writer = await bodies.CreateAsync(BodyId('2'));
            var buffer = new byte[100_000];
            int n;
            while ((n = await source!.ReadAsync(buffer)) > 0)
                await writer.WriteAsync(buffer.AsMemory(0, n));
            Assert.Equal(BodySize, await writer.CompleteAsync());
        }

        // The source is deleted (its object replaced) while a reader is halfway: the reader still gets every byte.
        await using (var reader = await bodies.OpenReadAsync(BodyId('1'), 0, BodySize))
        {
            var first = new byte[10];
            await reader!.ReadExactlyAsync(first);
            await bodies.DeleteAsync([BodyId('1'), BodyId('9')]);
            using var rest = new MemoryStream();
            await reader.CopyToAsync(rest);
            Assert.Equal(body, first.Concat(rest.ToArray()).ToArray());
        }

        Assert.Null(await bodies.OpenReadAsync(BodyId('1'), 0, BodySize));
        Assert.Equal(body, await ReadBodyAsync(bodies, BodyId('2'), 0, BodySize));
        await bodies.DeleteAsync([BodyId('2')]);
        Assert.Null(await bodies.OpenReadAsync(BodyId('2'), 0, 0));
        Assert.DoesNotContain(BodyId('2'), await bodies.ListSettledIdsAsync());
    }

    [Fact]
    public async Task ObjectBodyStore_UnfinishedWrite_LeavesNothing()
    {
        await using var db = await CreateHostAsync();
        await using var store = await db.OpenAsync();
        var bodies = store.ObjectBodies;
        await using (var writer = await bodies.CreateAsync(BodyId('d')))
            await writer.WriteAsync(Pattern((1 << 20) + 10, 1));
        Assert.Null(await bodies.OpenReadAsync(BodyId('d'), 0, 0));
        Assert.DoesNotContain(BodyId('d'), await bodies.ListSettledIdsAsync());
        // The id is free again: a retried write of it succeeds.
        Assert.Equal(5, await WriteBodyAsync(bodies, BodyId('d'), [1, 2, 3, 4, 5]));
        Assert.Equal(new byte[] { 2, 3 }, await ReadBodyAsync(bodies, BodyId('d'), 1, 2));
    }
}
