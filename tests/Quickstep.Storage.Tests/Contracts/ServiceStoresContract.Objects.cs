using Quickstep.Storage.Objects;

namespace Quickstep.Storage.Tests.Contracts;

/// <summary>The S3 object store: buckets, conditional puts, byte-ordered listing, multipart uploads.</summary>
public abstract partial class ServiceStoresContract
{
    private static ObjectRecord Object(string key, string etag = "\"e\"", string file = "f") => new()
    {
        Bucket = "b",
        Key = key,
        Size = 3,
        ETag = etag,
        LastModified = T0,
        ContentType = "text/plain",
        Metadata = [new("z", "1"), new("a", "2")],
        Headers = [new("Cache-Control", "no-cache")],
        ChecksumAlgorithm = "CRC32",
        Checksum = "AAAAAA==",
        FileId = file + key.Length,
    };

    [Fact]
    public async Task ObjectStore_Buckets_ConditionalPuts_AndDeletes()
    {
        await using var db = await CreateHostAsync();
        await using var store = await db.OpenAsync();
        var o = store.Objects;
        Assert.Equal(ObjectPutStatus.NoSuchBucket, (await o.PutObjectAsync(Object("k"))).Status);
        Assert.True(await o.TryCreateBucketAsync(new BucketRecord("b", T0, "us-east-1")));
        Assert.False(await o.TryCreateBucketAsync(new BucketRecord("b", T0, "eu-west-1")));
        Assert.True(await o.TryCreateBucketAsync(new BucketRecord("a", T0, "us-east-1")));
        Assert.Equal(["a", "b"], (await o.ListBucketsAsync()).Select(b => b.Name));
        Assert.Equal(new BucketRecord("b", T0, "us-east-1"), await o.GetBucketAsync("b"));

        Assert.Equal(new ObjectPutOutcome(ObjectPutStatus.Stored, null), await o.PutObjectAsync(Object("k", "\"1\"", "one")));
        Assert.Equal(ObjectPutStatus.PreconditionFailed, (await o.PutObjectAsync(Object("k"), new ObjectWriteCondition(true, null))).Status);
        Assert.Equal(ObjectPutStatus.PreconditionFailed, (await o.PutObjectAsync(Object("k"), new ObjectWriteCondition(false, "\"2\""))).Status);
        Assert.Equal(ObjectPutStatus.NoSuchKey, (await o.PutObjectAsync(Object("new"), new ObjectWriteCondition(false, "\"2\""))).Status);
        Assert.Equal(new ObjectPutOutcome(ObjectPutStatus.Stored, "one1"), await o.PutObjectAsync(Object("k", "\"2\"", "two"), new ObjectWriteCondition(false, "1")));
        Assert.Equal(ObjectPutStatus.Stored, (await o.PutObjectAsync(Object("fresh"), new ObjectWriteCondition(true, null))).Status);
        Assert.Equal(Object("k", "\"2\"", "two"), await o.GetObjectAsync("b", "k"), ObjectComparer);
        Assert.Null(await o.GetObjectAsync("b", "nope"));

        Assert.Equal(BucketDeleteResult.NotEmpty, await o.DeleteBucketAsync("b"));
        Assert.Equal(BucketDeleteResult.NoSuchBucket, await o.DeleteBucketAsync("zzz"));
        var deleted = await o.DeleteObjectsAsync("b", ["k", "missing", "fresh"]);
        Assert.Equal(["k", "fresh"], deleted.Select(d => d.Key));
        Assert.Equal("two1", deleted[0].FileId);
        Assert.Equal(BucketDeleteResult.Deleted, await o.DeleteBucketAsync("b"));
        Assert.Null(await o.GetBucketAsync("b"));
    }

    [Fact]
    public async Task ObjectStore_List_IsInUtf8ByteOrder_WithPrefixAfterAndSkip()
    {
        await using var db = await CreateHostAsync();
        await using var store = await db.OpenAsync();
        var o = store.Objects;
        await o.TryCreateBucketAsync(new BucketRecord("b", T0, "us-east-1"));
        // UTF-8 byte order: "a/" < "a/b" < "a/c/x" < "a0" < "b" < "é" (0xC3) < "中" (0xE4) < "😀" (0xF0)
        string[] keys = ["😀", "b", "a/c/x", "中", "a/b", "é", "a0", "a/"];
        foreach (var k in keys)
            await o.PutObjectAsync(Object(k));
        string[] ordered = ["a/", "a/b", "a/c/x", "a0", "b", "é", "中", "😀"];
        Assert.Equal(ordered, (await o.ListObjectsAsync("b", "", null, false, 100)).Select(x => x.Key));
        Assert.Equal(["a/", "a/b", "a/c/x"], (await o.ListObjectsAsync("b", "a/", null, false, 100)).Select(x => x.Key));
        Assert.Equal(["a/c/x"], (await o.ListObjectsAsync("b", "a/", "a/b", false, 100)).Select(x => x.Key));
        Assert.Equal(["a0", "b"], (await o.ListObjectsAsync("b", "", "a/", true, 2)).Select(x => x.Key));
        Assert.Equal(["中", "😀"], (await o.ListObjectsAsync("b", "", "é", false, 100)).Select(x => x.Key));
        Assert.Empty(await o.ListObjectsAsync("other", "", null, false, 100));
    }

    [Fact]
    public async Task ObjectStore_Multipart_PartsReplaceCompleteAndAbort()
    {
        await using var db = await CreateHostAsync();
        await using var store = await db.OpenAsync();
        var o = store.Objects;
        await o.TryCreateBucketAsync(new BucketRecord("b", T0, "us-east-1"));
        var upload = new UploadRecord { UploadId = "u1", Bucket = "b", Key = "big é", ContentType = "application/x", Metadata = [new("m", "v")], ChecksumAlgorithm = "SHA256", Initiated = T0 };
        await o.CreateUploadAsync(upload);
        await o.CreateUploadAsync(upload with { UploadId = "u2" });
        var got = await o.GetUploadAsync("u1");
        Assert.NotNull(got);
        Assert.Equal(("big é", "application/x", "SHA256", T0), (got.Key, got.ContentType, got.ChecksumAlgorithm, got.Initiated));
        Assert.Equal([new KeyValuePair<string, string>("m", "v")], got.Metadata);

        Assert.Equal((true, (string?)null), await o.PutPartAsync(new PartRecord("u1", 2, "\"p2\"", 5, T0, null, "file-2")));
        Assert.Equal((true, (string?)null), await o.PutPartAsync(new PartRecord("u1", 1, "\"p1\"", 5, T0, "c", "file-1")));
        Assert.Equal((true, "file-1"), await o.PutPartAsync(new PartRecord("u1", 1, "\"p1b\"", 6, T0, "c", "file-1b")));
        Assert.Equal((false, (string?)null), await o.PutPartAsync(new PartRecord("nope", 1, "\"x\"", 1, T0, null, "x")));
        Assert.Equal([new PartRecord("u1", 1, "\"p1b\"", 6, T0, "c", "file-1b"), new PartRecord("u1", 2, "\"p2\"", 5, T0, null, "file-2")], await o.ListPartsAsync("u1"));
        await o.PutPartAsync(new PartRecord("u2", 1, "\"q\"", 1, T0, null, "file-u2"));
        Assert.Equal(new HashSet<string> { "file-1b", "file-2", "file-u2" }, await o.ListFileIdsAsync());

        var (completed, outcome, partFiles) = await o.CompleteUploadAsync("u1", Object("big é", "\"x-2\"", "whole"));
        Assert.True(completed);
        Assert.Equal(ObjectPutStatus.Stored, outcome.Status);
        Assert.Equal(new[] { "file-1b", "file-2" }, partFiles.Order(StringComparer.Ordinal));
        Assert.Null(await o.GetUploadAsync("u1"));
        Assert.False((await o.CompleteUploadAsync("u1", Object("big é"))).Completed);
        Assert.Equal("\"x-2\"", (await o.GetObjectAsync("b", "big é"))?.ETag);

        Assert.Equal(["file-u2"], await o.AbortUploadAsync("u2"));
        Assert.Null(await o.AbortUploadAsync("u2"));
        Assert.Equal(new HashSet<string> { "whole5" }, await o.ListFileIdsAsync());
    }

    private static readonly IEqualityComparer<ObjectRecord?> ObjectComparer = EqualityComparer<ObjectRecord?>.Create(
        (a, b) => a is not null && b is not null && a with { Metadata = [], Headers = [] } == b with { Metadata = [], Headers = [] }
            && a.Metadata.SequenceEqual(b.Metadata) && a.Headers.SequenceEqual(b.Headers));
}
