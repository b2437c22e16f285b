using System.Text.Json;

namespace Quickstep.Server.Tests.S3;

/// <summary>The S3 API driven by the official AWS SDK for JavaScript (sdk/s3.mjs): results and S3's error codes.</summary>
public sealed class S3SdkTests : IClassFixture<S3Scenario>
{
    private readonly JsonElement _r;
    private readonly S3Scenario _scenario;

    public S3SdkTests(S3Scenario scenario)
    {
        _scenario = scenario;
        _r = scenario.Result;
    }

    private JsonElement Step(string name) => _r.GetProperty(name);

    private static string[] Strings(JsonElement array) => [.. array.EnumerateArray().Select(e => e.GetString()!)];

    private void AssertError(string step, string code, int status)
    {
        var e = Step(step);
        Assert.True(e.TryGetProperty("error", out var error), $"{step} succeeded: {e}");
        Assert.Equal(code, error.GetString());
        Assert.Equal(status, e.GetProperty("status").GetInt32());
    }

    [Fact]
    public void Buckets_CreateListHead_Work()
    {
        Assert.Equal("/qs-sdk-test", Step("createBucket").GetProperty("location").GetString());
        Assert.Contains("qs-sdk-test", Strings(Step("listBuckets").GetProperty("names")));
        Assert.True(Step("listBuckets").GetProperty("creationDate").GetBoolean());
        Assert.True(Step("listBuckets").GetProperty("owner").GetBoolean());
        Assert.Equal(200, Step("headBucket").GetProperty("status").GetInt32());
    }

    [Fact]
    public void Buckets_Errors_HaveS3CodesAndStatuses()
    {
        AssertError("createBucketAgain", "BucketAlreadyOwnedByYou", 409);
        Assert.Equal("qs-sdk-test", Step("createBucketAgain").GetProperty("bucketName").GetString());
        AssertError("createBadName", "InvalidBucketName", 400);
        AssertError("headMissingBucket", "NotFound", 404);
        AssertError("deleteBucketNotEmpty", "BucketNotEmpty", 409);
        AssertError("deleteMissingBucket", "NoSuchBucket", 404);
        AssertError("listMissingBucket", "NoSuchBucket", 404);
        AssertError("putMissingBucket", "NoSuchBucket", 404);
        Assert.Equal("no-such-bucket-here", Step("putMissingBucket").GetProperty("bucketName").GetString());
    }

    [Fact]
    public void PutObject_ETagIsTheMd5_AndMetadataRoundTrips()
    {
        var put = Step("putText");
        Assert.Equal(put.GetProperty("expected").GetString(), put.GetProperty("etag").GetString());
        Assert.False(string.IsNullOrEmpty(put.GetProperty("checksumCRC32").GetString()));
        var get = Step("getText");
        Assert.Equal("hello, quickstep", get.GetProperty("body").GetString());
        Assert.Equal("text/plain", get.GetProperty("contentType").GetString());
        Assert.Equal("alice", get.GetProperty("metadata").GetProperty("owner").GetString());
        Assert.Equal("v", get.GetProperty("metadata").GetProperty("mixed-case").GetString());
        Assert.Equal(put.GetProperty("etag").GetString(), get.GetProperty("etag").GetString());
        Assert.Equal(16, get.GetProperty("length").GetInt32());
        Assert.Equal("max-age=60", get.GetProperty("cacheControl").GetString());
        Assert.Equal("bytes", get.GetProperty("acceptRanges").GetString());
        var head = Step("headText");
        Assert.Equal(16, head.GetProperty("length").GetInt32());
        Assert.Equal("alice", head.GetProperty("metadata").GetProperty("owner").GetString());
    }

    [Fact]
    public void PutObject_ChecksDigestsAndConditions()
    {
        AssertError("putBadMd5", "BadDigest", 400);
        Assert.Equal("\"900150983cd24fb0d6963f7d28e17f72\"", Step("putGoodMd5").GetString());
        AssertError("putIfNoneMatchExisting", "PreconditionFailed", 412);
        Assert.Equal("\"22af645d1859cb5ca6da0c484f1f37ea\"", Step("putIfNoneMatchNew").GetString());
        AssertError("keyTooLong", "KeyTooLongError", 400);
    }

    [Fact]
    public void GetObject_MissingAndConditional_AnswerAsS3()
    {
        AssertError("getMissingKey", "NoSuchKey", 404);
        Assert.Equal("nope/missing.txt", Step("getMissingKey").GetProperty("key").GetString());
        AssertError("getMissingBucket", "NoSuchBucket", 404);
        AssertError("headMissingKey", "NotFound", 404);
        Assert.Equal(304, Step("getIfNoneMatch").GetProperty("status").GetInt32());
        AssertError("getIfMatchWrong", "PreconditionFailed", 412);
        Assert.Equal("hello, quickstep", Step("getIfMatchRight").GetString());
    }

    [Fact]
    public void Keys_ThatLookLikePaths_RoundTrip()
    {
        var results = Step("oddKeys").EnumerateArray().Select(e => e.GetBoolean()).ToArray();
        Assert.Equal(5, results.Length);
        Assert.All(results, Assert.True);
    }

    [Fact]
    public void BigObject_StreamsUpAndDown_WithRanges()
    {
        var stream = Step("putBigStream");
        Assert.Equal(stream.GetProperty("expected").GetString(), stream.GetProperty("etag").GetString());
        Assert.False(string.IsNullOrEmpty(stream.GetProperty("checksumCRC32").GetString()));
        var buffer = Step("putBigBuffer");
        Assert.Equal(buffer.GetProperty("expected").GetString(), buffer.GetProperty("etag").GetString());
        var get = Step("getBig");
        Assert.Equal(5 * 1024 * 1024, get.GetProperty("length").GetInt32());
        Assert.Equal(5 * 1024 * 1024, get.GetProperty("size").GetInt32());
        Assert.True(get.GetProperty("same").GetBoolean());
        var range = Step("getRange");
        Assert.Equal(206, range.GetProperty("status").GetInt32());
        Assert.Equal("bytes 1000000-1000099/5242880", range.GetProperty("contentRange").GetString());
        Assert.Equal(100, range.GetProperty("length").GetInt32());
        Assert.True(range.GetProperty("same").GetBoolean());
        Assert.Equal("bytes 5242870-5242879/5242880", Step("getSuffixRange").GetProperty("contentRange").GetString());
        Assert.True(Step("getSuffixRange").GetProperty("same").GetBoolean());
        Assert.Equal("bytes 5242875-5242879/5242880", Step("getOpenRange").GetProperty("contentRange").GetString());
        Assert.True(Step("getOpenRange").GetProperty("same").GetBoolean());
        AssertError("getBadRange", "InvalidRange", 416);
    }

    [Fact]
    public void Multipart_JoinsParts_WithS3sETag()
    {
        var m = Step("multipart");
        Assert.True(m.GetProperty("partETag").GetBoolean());
        Assert.Equal(m.GetProperty("expected").GetString(), m.GetProperty("etag").GetString());
        Assert.EndsWith("-2\"", m.GetProperty("etag").GetString(), StringComparison.Ordinal);
        Assert.True(m.GetProperty("same").GetBoolean());
        Assert.Equal("application/x-test", m.GetProperty("contentType").GetString());
        Assert.Equal("ed", m.GetProperty("metadata").GetProperty("part").GetString());
        Assert.EndsWith("-2", m.GetProperty("checksum").GetString(), StringComparison.Ordinal);
        Assert.Equal("NoSuchUpload", m.GetProperty("afterComplete").GetString());
        AssertError("multipartTooSmall", "EntityTooSmall", 400);
        AssertError("multipartWrongETag", "InvalidPart", 400);
        AssertError("multipartAborted", "NoSuchUpload", 404);
    }

    [Fact]
    public void ListObjectsV2_DelimiterPrefixPagingStartAfter()
    {
        var d = Step("listDelimiter");
        Assert.Equal(["list/c", "list/e"], Strings(d.GetProperty("keys")));
        Assert.Equal(["list/a/", "list/b/", "list/d/"], Strings(d.GetProperty("prefixes")));
        Assert.Equal(5, d.GetProperty("keyCount").GetInt32());
        Assert.False(d.GetProperty("truncated").GetBoolean());
        Assert.Equal("/", d.GetProperty("delimiter").GetString());
        var p = Step("listPrefix");
        Assert.Equal(["list/a/1", "list/a/2"], Strings(p.GetProperty("keys")));
        Assert.Equal("STANDARD", p.GetProperty("storage").GetString());
        var pages = Step("listPaged").EnumerateArray().ToArray();
        Assert.Equal(3, pages.Length);
        Assert.Equal(["list/a/1", "list/a/2", "list/b/1", "list/c", "list/d/e/f", "list/e"], pages.SelectMany(x => Strings(x.GetProperty("keys"))).ToArray());
        Assert.Equal([true, true, false], pages.Select(x => x.GetProperty("truncated").GetBoolean()).ToArray());
        Assert.Equal(["list/a/", "list/b/", "list/c", "list/d/", "list/e"], Strings(Step("listPagedDelimiter")));
        Assert.Equal(["list/a/", "list/b/", "list/c", "list/d/", "list/e"], Strings(Step("listV1Paged")));
        Assert.Equal(["list/c", "list/d/e/f", "list/e"], Strings(Step("listStartAfter")));
        AssertError("listBadToken", "InvalidArgument", 400);
    }

    [Fact]
    public void DistributedMap_ItemReader_ReadsCsvJsonJsonlAndListings()
    {
        var csv = Step("mapCsv");
        Assert.Equal("SUCCEEDED", csv.GetProperty("status").GetString());
        var rows = csv.GetProperty("output").EnumerateArray().ToArray();
        Assert.Equal(["1", "2", "3"], rows.Select(r => r.GetProperty("id").GetString()!).ToArray());
        Assert.Equal(["alice", "bob", "carol"], rows.Select(r => r.GetProperty("name").GetString()!).ToArray());
        Assert.Equal(["likes, commas", "say \"hi\"", string.Empty], rows.Select(r => r.GetProperty("note").GetString()!).ToArray());
        var given = Step("mapCsvGiven").GetProperty("output").EnumerateArray().ToArray();
        Assert.Equal(2, given.Length);
        Assert.Equal("id", given[0].GetProperty("a").GetString());
        Assert.Equal("alice", given[1].GetProperty("b").GetString());
        Assert.Equal([1, 2], Step("mapJsonl").GetProperty("output").EnumerateArray().Select(e => e.GetProperty("n").GetInt32()).ToArray());
        Assert.Equal([1, 2], Step("mapJson").GetProperty("output").EnumerateArray().Select(e => e.GetProperty("a").GetInt32()).ToArray());
        var listing = Step("mapListing").GetProperty("output").EnumerateArray().ToArray();
        Assert.Equal(["list/a/1", "list/a/2", "list/b/1", "list/c", "list/d/e/f", "list/e"], listing.Select(e => e.GetProperty("Key").GetString()!).ToArray());
        Assert.Equal(8, listing[0].GetProperty("Size").GetInt32());
        Assert.StartsWith("\"", listing[0].GetProperty("Etag").GetString(), StringComparison.Ordinal);
        Assert.True(listing[0].GetProperty("LastModified").GetInt64() > 1_700_000_000);
        var missing = Step("mapMissing");
        Assert.Equal("FAILED", missing.GetProperty("status").GetString());
        Assert.Equal("States.ItemReaderFailed", missing.GetProperty("error").GetString());
        Assert.Contains("The specified key does not exist.", missing.GetProperty("cause").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void CopyObject_CopiesOrReplacesMetadata()
    {
        var copy = Step("copy");
        Assert.Equal(Step("putText").GetProperty("etag").GetString(), copy.GetProperty("etag").GetString());
        Assert.Equal("alice", copy.GetProperty("metadata").GetProperty("owner").GetString());
        Assert.Equal("text/plain", copy.GetProperty("contentType").GetString());
        var replaced = Step("copyReplace");
        Assert.Equal("yes", replaced.GetProperty("metadata").GetProperty("fresh").GetString());
        Assert.False(replaced.GetProperty("metadata").TryGetProperty("owner", out _));
        Assert.Equal("application/json", replaced.GetProperty("contentType").GetString());
        Assert.Equal("content of ünïcødé/日本語 ключ.txt", Step("copyUnicode").GetString());
        AssertError("copyMissing", "NoSuchKey", 404);
        AssertError("copyToItself", "InvalidRequest", 400);
    }

    [Fact]
    public void Delete_ObjectsAndBucket()
    {
        Assert.Equal(204, Step("deleteObject").GetProperty("status").GetInt32());
        Assert.Equal("NotFound", Step("deleteObject").GetProperty("after").GetString());
        Assert.Equal(204, Step("deleteMissingObject").GetInt32());
        var batch = Step("deleteObjects");
        Assert.Equal(["list/a/1", "list/a/2", "never/was"], Strings(batch.GetProperty("deleted")));
        Assert.Equal(0, batch.GetProperty("errors").GetArrayLength());
        Assert.Equal(0, batch.GetProperty("left").GetInt32());
        var empty = Step("emptyAndDeleteBucket");
        Assert.True(empty.GetProperty("deletedObjects").GetInt32() > 10);
        Assert.Equal(204, empty.GetProperty("status").GetInt32());
        Assert.Equal("NotFound", empty.GetProperty("after").GetString());
    }

    [Fact]
    public void Files_OfReplacedAndDeletedObjects_AreRemoved()
    {
        // The scenario ends by deleting every object and the bucket: no object file may be left behind.
        var root = Path.Combine(Path.GetDirectoryName(_scenario.Server.Server.DatabasePath)!, "s3");
        Assert.True(Directory.Exists(root));
        Assert.Empty(Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories));
    }
}
