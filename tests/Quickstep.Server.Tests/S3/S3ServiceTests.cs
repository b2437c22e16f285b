using System.Text;
using Quickstep.Aws;
using Quickstep.Services.S3;
using Quickstep.Storage.Objects;
using Quickstep.Storage.Sqlite;

namespace Quickstep.Server.Tests.S3;

/// <summary>The S3 service over the SQLite store and real files: where bytes go, ordering, replacement.</summary>
public sealed class S3ServiceTests : IAsyncLifetime
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "qs-s3-" + Guid.NewGuid().ToString("N"));
    private SqliteStore _store = null!;
    private S3Service _s3 = null!;

    private string Root => Path.Combine(_dir, "data", "s3");

    public async Task InitializeAsync()
    {
        _store = new SqliteStore(new SqliteStoreOptions { Path = Path.Combine(_dir, "data", "q.db") });
        await _store.InitializeAsync();
        var objects = new SqliteObjectStore(_store);
        await objects.InitializeAsync();
        _s3 = new S3Service(objects, new S3ServiceOptions { RootDirectory = Root });
        await _s3.CreateBucketAsync("bucket");
    }

    public async Task DisposeAsync()
    {
        await _store.DisposeAsync();
        Directory.Delete(_dir, recursive: true);
    }

    private Task<PutObjectResult> PutAsync(string key, string body) =>
        _s3.PutObjectAsync(new PutObjectRequest { Bucket = "bucket", Key = key, Body = new MemoryStream(Encoding.UTF8.GetBytes(body)) });

    private async Task<string> ReadAsync(string key)
    {
        using var o = await _s3.GetObjectAsync("bucket", key);
        using var reader = new StreamReader(o.Content, Encoding.UTF8);
        return await reader.ReadToEndAsync();
    }

    [Fact]
    public async Task Keys_ThatLookLikePaths_StayInsideTheObjectFolder()
    {
        string[] keys =
        [
            "../../../../../../tmp/escape", "/etc/passwd", "..\\..\\windows", "a/./b/../c", "a//b", "./", "..", "~",
            "ünïcødé/日本語 ключ", "nul\0char", new string('k', 1024), new string('é', 512), "CON", "a:b*c?d|e<f>g\"h",
        ];
        foreach (var key in keys)
            await PutAsync(key, "v:" + key);
        foreach (var key in keys)
            Assert.Equal("v:" + key, await ReadAsync(key));

        var objects = Path.Combine(Root, "objects") + Path.DirectorySeparatorChar;
        var files = Directory.EnumerateFiles(_dir, "*", SearchOption.AllDirectories).Where(f => !f.EndsWith(".db", StringComparison.Ordinal) && !f.Contains(".db-", StringComparison.Ordinal)).ToList();
        Assert.Equal(keys.Length, files.Count);
        Assert.All(files, f =>
        {
            Assert.StartsWith(objects, f, StringComparison.Ordinal);
            var name = Path.GetFileName(f);
            Assert.Matches("^[0-9a-f]{32}$", name);
            Assert.Equal(name[..2], Path.GetFileName(Path.GetDirectoryName(f)));
        });
    }

    [Fact]
    public void PathOf_RefusesAnythingButAnId()
    {
        var files = new FileObjectBodyStore(Root);
        Assert.Throws<ArgumentException>(() => files.PathOf("../../../etc/passwd"));
        Assert.Throws<ArgumentException>(() => files.PathOf("0123456789ABCDEF0123456789abcdef"));
        Assert.Throws<ArgumentException>(() => files.PathOf("0123456789abcdef0123456789abcde/"));
        Assert.Throws<ArgumentException>(() => files.PathOf(string.Empty));
        var id = S3Service.NewId();
        Assert.Equal(Path.Combine(Root, "objects", id[..2], id), files.PathOf(id));
    }

    [Fact]
    public async Task Put_Twice_KeepsOneFile_WithTheNewBytes()
    {
        var first = await PutAsync("k", "one");
        var second = await PutAsync("k", "two");
        Assert.Equal("\"f97c5d29941bfb1b2fdab0874906ab82\"", first.ETag);
        Assert.Equal("\"b8a9f715dbb64fd5c56e7783c6820a61\"", second.ETag);
        Assert.Equal("two", await ReadAsync("k"));
        Assert.Single(Directory.EnumerateFiles(Path.Combine(Root, "objects"), "*", SearchOption.AllDirectories));
        await _s3.DeleteObjectAsync("bucket", "k");
        Assert.Empty(Directory.EnumerateFiles(Path.Combine(Root, "objects"), "*", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task Put_WithAWrongChecksum_StoresNothing()
    {
        var error = await Assert.ThrowsAsync<AwsServiceException>(() => _s3.PutObjectAsync(new PutObjectRequest
        {
            Bucket = "bucket",
            Key = "k",
            Body = new MemoryStream(Encoding.UTF8.GetBytes("123456789")),
            ChecksumAlgorithm = "CRC32",
            ExpectedChecksum = () => Convert.ToBase64String([0xCB, 0xF4, 0x39, 0x27]),
        }));
        Assert.Equal("BadDigest", error.Code);
        Assert.Empty(Directory.EnumerateFiles(Root, "*", SearchOption.AllDirectories));
        var missing = await Assert.ThrowsAsync<AwsServiceException>(() => _s3.HeadObjectAsync("bucket", "k"));
        Assert.Equal("NoSuchKey", missing.Code);
    }

    [Fact]
    public async Task List_OrdersKeysByUtf8Bytes()
    {
        // UTF-16 order puts U+1F600 (a surrogate pair) before U+FFFD; UTF-8 byte order, S3's, after it.
        await PutAsync("a\U0001F600", "x");
        await PutAsync("a\uFFFD", "x");
        await PutAsync("a", "x");
        await PutAsync("a\u00E9", "x");
        var page = await _s3.ListObjectsV2Async(new ListObjectsV2Request("bucket"));
        Assert.Equal(["a", "a\u00E9", "a\uFFFD", "a\U0001F600"], page.Contents.Select(c => c.Key).ToArray());
    }

    [Fact]
    public async Task List_CommonPrefixes_CountAgainstMaxKeys_AndPagesResume()
    {
        foreach (var key in new[] { "p/a/1", "p/a/2", "p/a/3", "p/b", "p/c/1", "q" })
            await PutAsync(key, key);
        var seen = new List<string>();
        string? token = null;
        var pages = 0;
        do
        {
            var page = await _s3.ListObjectsV2Async(new ListObjectsV2Request("bucket") { Prefix = "p/", Delimiter = "/", MaxKeys = 1, ContinuationToken = token });
            Assert.Equal(1, page.KeyCount);
            seen.AddRange(page.Contents.Select(c => c.Key));
            seen.AddRange(page.CommonPrefixes);
            token = page.NextContinuationToken;
            Assert.Equal(token is not null, page.IsTruncated);
            pages++;
        }
        while (token is not null);
        Assert.Equal(["p/a/", "p/b", "p/c/"], seen);
        Assert.Equal(3, pages);
    }

    [Fact]
    public async Task List_StartAfterAKeyUnderACommonPrefix_SkipsThatPrefix()
    {
        foreach (var key in new[] { "a/1", "a/2", "b", "c/1" })
            await PutAsync(key, key);
        var page = await _s3.ListObjectsV2Async(new ListObjectsV2Request("bucket") { Delimiter = "/", StartAfter = "a/" });
        Assert.Equal(["b"], page.Contents.Select(c => c.Key).ToArray());
        Assert.Equal(["c/"], page.CommonPrefixes);
        var plain = await _s3.ListObjectsV2Async(new ListObjectsV2Request("bucket") { StartAfter = "a/1" });
        Assert.Equal(["a/2", "b", "c/1"], plain.Contents.Select(c => c.Key).ToArray());
    }

    [Fact]
    public async Task RemoveOrphanFiles_DeletesOnlyUnreferencedFiles()
    {
        await PutAsync("kept", "v");
        var upload = await _s3.CreateMultipartUploadAsync("bucket", "mp", null, [], [], null);
        await _s3.UploadPartAsync(new UploadPartRequest { Bucket = "bucket", Key = "mp", UploadId = upload.UploadId, PartNumber = 1, Body = new MemoryStream([1, 2, 3]) });
        // What a crash between writing the bytes and committing the record leaves.
        var orphan = S3Service.NewId();
        await using (var f = await _s3.Bodies.CreateAsync(orphan))
        {
            await f.WriteAsync(new byte[] { 9 });
            await f.CompleteAsync();
        }

        var files = (FileObjectBodyStore)_s3.Bodies;
        Assert.Equal(3, (await files.ListSettledIdsAsync()).Count);
        Assert.Equal(1, await _s3.RemoveOrphanFilesAsync());
        Assert.False(File.Exists(files.PathOf(orphan)));
        Assert.Equal(2, (await files.ListSettledIdsAsync()).Count);
        Assert.Equal("v", await ReadAsync("kept"));
    }

    [Fact]
    public async Task DeleteBucket_WithObjects_IsRefused()
    {
        await PutAsync("k", "v");
        var error = await Assert.ThrowsAsync<AwsServiceException>(() => _s3.DeleteBucketAsync("bucket"));
        Assert.Equal(("BucketNotEmpty", 409), (error.Code, error.StatusCode));
        await _s3.DeleteObjectsAsync("bucket", ["k"]);
        await _s3.DeleteBucketAsync("bucket");
        var gone = await Assert.ThrowsAsync<AwsServiceException>(() => _s3.GetBucketAsync("bucket"));
        Assert.Equal(("NoSuchBucket", 404), (gone.Code, gone.StatusCode));
    }

    [Fact]
    public async Task InvokeAsync_ServesTheModelShapes()
    {
        var put = (Json.JObject)await _s3.InvokeAsync("PutObject", (Json.JObject)Json.JValue.Parse("""{"Bucket":"bucket","Key":"j.json","Body":"{\"a\":1}","ContentType":"application/json","Metadata":{"Who":"me"}}"""));
#pragma warning disable CA5351 // the ETag S3 computes is an MD5.
        Assert.Equal("\"" + Convert.ToHexStringLower(System.Security.Cryptography.MD5.HashData("{\"a\":1}"u8)) + "\"", ((Json.JString)put["ETag"]!).Value);
#pragma warning restore CA5351
        var get = (Json.JObject)await _s3.InvokeAsync("GetObject", (Json.JObject)Json.JValue.Parse("""{"Bucket":"bucket","Key":"j.json"}"""));
        Assert.Equal("{\"a\":1}", ((Json.JString)get["Body"]!).Value);
        Assert.Equal("application/json", ((Json.JString)get["ContentType"]!).Value);
        Assert.Equal("me", ((Json.JString)((Json.JObject)get["Metadata"]!)["who"]!).Value);
        var list = (Json.JObject)await _s3.InvokeAsync("ListObjectsV2", (Json.JObject)Json.JValue.Parse("""{"Bucket":"bucket"}"""));
        Assert.Single((Json.JArray)list["Contents"]!);
        var error = await Assert.ThrowsAsync<AwsServiceException>(async () => await _s3.InvokeAsync("GetObject", (Json.JObject)Json.JValue.Parse("""{"Bucket":"bucket","Key":"none"}""")));
        Assert.Equal("NoSuchKey", error.Code);
    }
}
