using System.Text;
using Quickstep.Aws;
using Quickstep.Server.Services.S3;
using Quickstep.Services.S3;
using Quickstep.Services.S3.Checksums;

namespace Quickstep.Server.Tests.S3;

/// <summary>Pieces of the S3 wire: checksums, ranges, bucket names, the aws-chunked decoder.</summary>
public sealed class S3WireTests
{
    private static readonly byte[] Check = Encoding.ASCII.GetBytes("123456789");

    [Theory]
    [InlineData("CRC32", "CBF43926")]
    [InlineData("CRC32C", "E3069283")]
    [InlineData("CRC64NVME", "AE8B14860A799888")]
    [InlineData("SHA256", "15E2B0D3C33891EBB0F1EF609EC419420C20E320CE94C65FBC8C3312448EB225")]
    public void Checksums_MatchTheirCheckValues(string algorithm, string hex)
    {
        var hasher = ObjectHasher.Create(algorithm)!;
        hasher.Append(Check.AsSpan(0, 4));
        hasher.Append(Check.AsSpan(4));
        Assert.Equal(hex, Convert.ToHexString(hasher.GetHash()));
    }

    [Theory]
    [InlineData("bytes=0-9", 100, 0, 10)]
    [InlineData("bytes=90-", 100, 90, 10)]
    [InlineData("bytes=-5", 100, 95, 5)]
    [InlineData("bytes=-500", 100, 0, 100)]
    [InlineData("bytes=50-5000", 100, 50, 50)]
    public void Range_Resolves(string header, long size, long start, long length) =>
        Assert.Equal(new ObjectRange(start, length), ObjectRange.Resolve(header, size));

    [Theory]
    [InlineData("items=0-9")]
    [InlineData("bytes=0-1,5-6")]
    [InlineData("bytes=9-3")]
    [InlineData("bytes=x-")]
    public void Range_ThatIsNotOne_IsIgnored(string header) => Assert.Null(ObjectRange.Resolve(header, 100));

    [Theory]
    [InlineData("bytes=100-")]
    [InlineData("bytes=-0")]
    public void Range_PastTheEnd_IsInvalidRange(string header)
    {
        var e = Assert.Throws<AwsServiceException>(() => ObjectRange.Resolve(header, 100));
        Assert.Equal(("InvalidRange", 416), (e.Code, e.StatusCode));
    }

    [Theory]
    [InlineData("my-bucket", true)]
    [InlineData("a.b.c", true)]
    [InlineData("ab", false)]
    [InlineData("My-Bucket", false)]
    [InlineData("my_bucket", false)]
    [InlineData("-bucket", false)]
    [InlineData("bucket-", false)]
    [InlineData("a..b", false)]
    [InlineData("192.168.5.4", false)]
    [InlineData("xn--bucket", false)]
    [InlineData("bucket-s3alias", false)]
    [InlineData("..", false)]
    public void BucketNames_FollowS3Rules(string name, bool valid) => Assert.Equal(valid, BucketNames.IsValid(name));

    [Fact]
    public async Task AwsChunked_DecodesChunksAndTrailers_AcrossAnyReadBoundary()
    {
        var body = "3;chunk-signature=abc\r\nfoo\r\na\r\n0123456789\r\n0\r\nx-amz-checksum-crc32:AAAAAA==\r\nx-amz-trailer-signature:def\r\n\r\n";
        var decoder = new AwsChunkedStream(new TrickleStream(Encoding.ASCII.GetBytes(body)));
        var output = new MemoryStream();
        await decoder.CopyToAsync(output, 7);
        Assert.Equal("foo0123456789", Encoding.ASCII.GetString(output.ToArray()));
        Assert.Equal("AAAAAA==", decoder.Trailers["x-amz-checksum-crc32"]);
    }

    [Theory]
    [InlineData("zz\r\nabc")]
    [InlineData("5\r\nabc")]
    [InlineData("3\r\nabcXY")]
    public async Task AwsChunked_Malformed_IsAnS3Error(string body)
    {
        var decoder = new AwsChunkedStream(new MemoryStream(Encoding.ASCII.GetBytes(body)));
        var e = await Assert.ThrowsAsync<AwsServiceException>(() => decoder.CopyToAsync(new MemoryStream()));
        Assert.Equal(400, e.StatusCode);
    }

    [Theory]
    [InlineData("bucket/key", "bucket", "key")]
    [InlineData("/bucket/a/b%20c.txt", "bucket", "a/b c.txt")]
    [InlineData("bucket/k?versionId=123", "bucket", "k")]
    public void CopySource_Parses(string header, string bucket, string key) =>
        Assert.Equal((bucket, key), S3Service.ParseCopySource(header));

    [Theory]
    [InlineData("?AWSAccessKeyId=x&Signature=abc&Expires=1796421443", "")]
    [InlineData("", "AWS x:abc=")]
    public void Resolver_SignatureVersion2_IsS3(string query, string authorization)
    {
        var http = new Microsoft.AspNetCore.Http.DefaultHttpContext();
        http.Request.QueryString = new Microsoft.AspNetCore.Http.QueryString(query);
        if (authorization.Length > 0)
            http.Request.Headers.Authorization = authorization;
        Assert.Equal("s3", Hosting.AwsServiceResolver.Resolve(http.Request));
    }

    /// <summary>Returns at most one byte per read: every boundary of the decoder gets crossed.</summary>
    private sealed class TrickleStream(byte[] data) : MemoryStream(data)
    {
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            base.ReadAsync(buffer[..Math.Min(1, buffer.Length)], cancellationToken);
    }
}
