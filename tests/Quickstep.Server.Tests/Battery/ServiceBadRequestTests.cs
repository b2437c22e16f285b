using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Xml.Linq;

namespace Quickstep.Server.Tests.Battery;

/// <summary>
/// The bad-request battery for every service on the port but Step Functions' own API (that one is
/// <see cref="BadRequestTests"/>): each request gets a 4xx in its service's error shape within a second,
/// the server keeps serving, and the process's working set stays bounded.
/// </summary>
public sealed class ServiceBadRequestTests : IClassFixture<InProcessServer>
{
    private const string QueueName = "battery";
    private const string Bucket = "battery-bucket";
    private readonly InProcessServer _server;

    public ServiceBadRequestTests(InProcessServer server) => _server = server;

    public static TheoryData<BadRequestCase> Cases()
    {
        var data = new TheoryData<BadRequestCase>();
        foreach (var c in BadRequestCases.All())
            data.Add(c);
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task BadRequest_Gets4xxInTheServicesShapeWithinASecond(BadRequestCase c)
    {
        await EnsureResourcesAsync();
        var clock = Stopwatch.StartNew();
        var (status, code, detail) = await SendAsync(c);
        clock.Stop();
        Assert.True(status is >= 400 and < 500, $"{c}: {status} {code} {detail}");
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(1), $"{c}: answered in {clock.Elapsed.TotalMilliseconds:F0} ms");
        if (c.Code is not null)
            Assert.True(c.Code == code, $"{c}: expected {c.Code}, got {status} {code} {detail}");
        await AssertStillServesAsync();
    }

    [Fact]
    public async Task WholeBatteryTwice_WorkingSetStaysBounded()
    {
        await EnsureResourcesAsync();
        var cases = BadRequestCases.All().ToList();
        foreach (var c in cases)
            await SendAsync(c); // warm: first-use allocations (JIT, pools) are not growth
        var before = WorkingSet();
        for (var round = 0; round < 3; round++)
        {
            foreach (var c in cases)
            {
                var (status, _, detail) = await SendAsync(c);
                Assert.True(status is >= 400 and < 500, $"{c}: {status} {detail}");
            }
        }

        var after = WorkingSet();
        // Generous: the battery sends ~40 MB of bodies per round; a leak of what was sent would add far more.
        Assert.True(after - before < 256L * 1024 * 1024, $"working set grew from {before >> 20} MiB to {after >> 20} MiB");
        await AssertStillServesAsync();
    }

    private static long WorkingSet()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        using var self = Process.GetCurrentProcess();
        self.Refresh();
        return self.WorkingSet64;
    }

    private async Task EnsureResourcesAsync()
    {
        using var queue = new HttpRequestMessage(HttpMethod.Post, "/") { Content = Json("""{"QueueName":"battery"}""", "application/x-amz-json-1.0") };
        queue.Headers.Add("X-Amz-Target", "AmazonSQS.CreateQueue");
        using (var r = await _server.Http.SendAsync(queue))
            Assert.True(r.IsSuccessStatusCode, await r.Content.ReadAsStringAsync());
        using var bucket = new HttpRequestMessage(HttpMethod.Put, "/" + Bucket);
        Sign(bucket, "s3");
        using (var r = await _server.Http.SendAsync(bucket))
            Assert.True(r.IsSuccessStatusCode || (int)r.StatusCode == 409, await r.Content.ReadAsStringAsync());
    }

    private async Task<(int Status, string? Code, string Detail)> SendAsync(BadRequestCase c)
    {
        var path = c.Path.Replace("{queueUrl}", Uri.EscapeDataString(_server.Endpoint + "/123456789012/" + QueueName), StringComparison.Ordinal);
        var body = c.Body;
        if (body.Length > 0 && Encoding.UTF8.GetString(body).Contains("{queueUrl}", StringComparison.Ordinal))
            body = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(body).Replace("{queueUrl}", _server.Endpoint + "/123456789012/" + QueueName, StringComparison.Ordinal));
        using var request = new HttpRequestMessage(new HttpMethod(c.Method), path);
        if (c.Method != "GET" && c.Method != "DELETE" && c.Method != "HEAD")
        {
            request.Content = new ByteArrayContent(body);
            if (c.ContentType is not null)
                request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(c.ContentType);
        }

        if (c.Target is not null)
            request.Headers.Add("X-Amz-Target", c.Target);
        Sign(request, c.Service);
        using var response = await _server.Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        var status = (int)response.StatusCode;
        var detail = text.Length > 300 ? text[..300] : text;
        return (status, ReadCode(c, response, text), detail);
    }

    /// <summary>The error code in the shape the case's service must answer in; fails when the shape is another.</summary>
    private static string ReadCode(BadRequestCase c, HttpResponseMessage response, string text)
    {
        switch (c.Shape)
        {
            case ErrorShape.AwsJson:
            case ErrorShape.RestJson:
                {
                    if (c.Shape == ErrorShape.AwsJson)
                        Assert.StartsWith("application/x-amz-json-1.", response.Content.Headers.ContentType?.MediaType ?? "", StringComparison.Ordinal);
                    else
                        Assert.True(response.Headers.TryGetValues("x-amzn-ErrorType", out _), $"{c}: no x-amzn-ErrorType in {text}");
                    using var doc = JsonDocument.Parse(text);
                    var root = doc.RootElement;
                    Assert.True(root.TryGetProperty("message", out _) || root.TryGetProperty("Message", out _), $"{c}: no message in {text}");
                    var type = root.TryGetProperty("__type", out var t) ? t.GetString()! : response.Headers.GetValues("x-amzn-ErrorType").First();
                    // com.amazonaws.sqs#QueueDoesNotExist, or Code:http://… in x-amzn-ErrorType.
                    type = type[(type.IndexOf('#', StringComparison.Ordinal) + 1)..];
                    return type.Split(':')[0];
                }

            case ErrorShape.QueryXml:
                {
                    var root = XDocument.Parse(text).Root!;
                    Assert.Equal("ErrorResponse", root.Name.LocalName);
                    var error = root.Elements().Single(e => e.Name.LocalName == "Error");
                    Assert.NotNull(error.Elements().SingleOrDefault(e => e.Name.LocalName == "Message"));
                    return error.Elements().Single(e => e.Name.LocalName == "Code").Value;
                }

            case ErrorShape.S3Xml:
                {
                    var root = XDocument.Parse(text).Root!;
                    Assert.Equal("Error", root.Name.LocalName);
                    Assert.NotNull(root.Element("Message"));
                    return root.Element("Code")!.Value;
                }

            default:
                {
                    using var doc = JsonDocument.Parse(text);
                    return doc.RootElement.GetProperty("message").GetString()!.Length > 0 ? "message" : "";
                }
        }
    }

    /// <summary>An Authorization header naming the signing service (no credentials are configured, so any signature passes).</summary>
    private static void Sign(HttpRequestMessage request, string service)
    {
        if (service != "webhook")
            request.Headers.TryAddWithoutValidation("Authorization", $"AWS4-HMAC-SHA256 Credential=AKID/20260101/us-east-1/{service}/aws4_request, SignedHeaders=host, Signature=00");
    }

    private static ByteArrayContent Json(string json, string contentType)
    {
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(json));
        content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        return content;
    }

    private async Task AssertStillServesAsync()
    {
        var (status, body) = await _server.CallAsync("ListStateMachines", "{}");
        Assert.Equal(200, status);
        Assert.True(body.TryGetProperty("stateMachines", out _));
        using var list = new HttpRequestMessage(HttpMethod.Post, "/") { Content = Json("{}", "application/x-amz-json-1.0") };
        list.Headers.Add("X-Amz-Target", "AmazonSQS.ListQueues");
        using var response = await _server.Http.SendAsync(list);
        Assert.Equal(200, (int)response.StatusCode);
    }
}
