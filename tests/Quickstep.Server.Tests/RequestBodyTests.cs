using Microsoft.AspNetCore.Http;
using Quickstep.Server.Hosting;

namespace Quickstep.Server.Tests;

/// <summary>The one bounded body reader every endpoint on the port uses.</summary>
public sealed class RequestBodyTests
{
    private static DefaultHttpContext Request(byte[] body, long? declared)
    {
        var http = new DefaultHttpContext();
        http.Request.Body = new MemoryStream(body);
        http.Request.ContentLength = declared;
        return http;
    }

    [Theory]
    [InlineData(0)]
    [InlineData(100)]
    [InlineData(40_000)]
    public async Task UpToTheLimit_IsTheWholeBody(int size)
    {
        var body = Enumerable.Range(0, size).Select(i => (byte)i).ToArray();
        var read = await RequestBody.ReadAsync(Request(body, null), 40_000);
        Assert.NotNull(read);
        Assert.Equal(body, read.Value.ToArray());
    }

    [Fact]
    public async Task OverTheLimitAsRead_IsNull_NotAnEmptyBody()
    {
        var http = Request(new byte[40_001], null);
        Assert.Null(await RequestBody.ReadAsync(http, 40_000));
        Assert.Equal("Request body exceeds the 40000-byte limit.", RequestBody.TooLarge(http, 40_000));
    }

    [Fact]
    public async Task DeclaredOverTheLimit_IsNullWithoutReading()
    {
        var http = Request(new byte[10], 50_000);
        Assert.Null(await RequestBody.ReadAsync(http, 40_000));
        Assert.Equal(0, http.Request.Body.Position);
        Assert.Equal("Request body of 50000 bytes exceeds the 40000-byte limit.", RequestBody.TooLarge(http, 40_000));
    }

    [Fact]
    public async Task OversizedWithinTheDrainLimit_IsReadToTheEndThenRefused()
    {
        var http = Request(new byte[100_000], 100_000);
        Assert.Null(await RequestBody.ReadAsync(http, 40_000, drainUpTo: 1_000_000));
        Assert.Equal(100_000, http.Request.Body.Position);
    }
}
