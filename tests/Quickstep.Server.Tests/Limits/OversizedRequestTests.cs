using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Xml.Linq;

namespace Quickstep.Server.Tests.Limits;

/// <summary>
/// Requests over the size limits of the request line and headers, sent as raw HTTP/1.1: each is answered 414 or 431
/// in the error shape of the service it was for (not Kestrel's empty answer), and the server keeps serving.
/// </summary>
public sealed class OversizedRequestTests : IClassFixture<InProcessServer>
{
    private const string Sns = "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20250101/us-east-1/sns/aws4_request, SignedHeaders=host, Signature=00";
    private readonly InProcessServer _server;

    public OversizedRequestTests(InProcessServer server) => _server = server;

    [Fact]
    public async Task Header64KiB_StepFunctionsAndSqs_Are431InAwsJson()
    {
        var big = "X-Big: " + new string('a', 64 * 1024) + "\r\n";
        var sfn = await SendAsync("POST / HTTP/1.1", "X-Amz-Target: AWSStepFunctions.ListStateMachines\r\nContent-Type: application/x-amz-json-1.0\r\n" + big, "{}");
        Assert.Equal(431, sfn.Status);
        Assert.Equal("RequestHeaderFieldsTooLarge", Json(sfn).GetProperty("__type").GetString());
        Assert.Contains("limit is 32768", Json(sfn).GetProperty("message").GetString(), StringComparison.Ordinal);

        var sqs = await SendAsync("POST / HTTP/1.1", "X-Amz-Target: AmazonSQS.ListQueues\r\nContent-Type: application/x-amz-json-1.0\r\n" + big, "{}");
        Assert.Equal(431, sqs.Status);
        Assert.Equal("com.amazonaws.sqs#RequestHeaderFieldsTooLarge", Json(sqs).GetProperty("__type").GetString());
        await AssertStillServingAsync();
    }

    [Fact]
    public async Task ManyHeaders_AreA431InAwsJson()
    {
        var many = new StringBuilder();
        for (var i = 0; i < 3000; i++)
            many.Append("X-H").Append(i).Append(": v\r\n");
        var response = await SendAsync("POST / HTTP/1.1", "X-Amz-Target: AWSStepFunctions.ListStateMachines\r\nContent-Type: application/x-amz-json-1.0\r\n" + many, "{}");
        Assert.Equal(431, response.Status);
        Assert.Equal("RequestHeaderFieldsTooLarge", Json(response).GetProperty("__type").GetString());
        Assert.Contains("the limit is 100", Json(response).GetProperty("message").GetString(), StringComparison.Ordinal);
        await AssertStillServingAsync();
    }

    [Fact]
    public async Task Url100KB_S3AndSnsAndStepFunctions_Are414InTheirShapes()
    {
        var s3 = await SendAsync("GET /bucket/" + new string('k', 100_000) + " HTTP/1.1", "", null);
        Assert.Equal(414, s3.Status);
        var error = XDocument.Parse(s3.Body).Root!;
        Assert.Equal("Error", error.Name.LocalName);
        Assert.Equal("URITooLong", error.Element("Code")!.Value);

        var sns = await SendAsync("POST /?Action=ListTopics&Pad=" + new string('p', 100_000) + " HTTP/1.1", "Authorization: " + Sns + "\r\n", "");
        Assert.Equal(414, sns.Status);
        var response = XDocument.Parse(sns.Body).Root!;
        Assert.Equal("ErrorResponse", response.Name.LocalName);
        Assert.Equal("URITooLong", response.Descendants().Single(e => e.Name.LocalName == "Code").Value);

        var sfn = await SendAsync("POST /?" + new string('q', 100_000) + " HTTP/1.1", "X-Amz-Target: AWSStepFunctions.ListStateMachines\r\nContent-Type: application/x-amz-json-1.0\r\n", "{}");
        Assert.Equal(414, sfn.Status);
        Assert.Equal("URITooLong", Json(sfn).GetProperty("__type").GetString());
        await AssertStillServingAsync();
    }

    private async Task AssertStillServingAsync()
    {
        var (status, _) = await _server.CallAsync("ListStateMachines", "{}");
        Assert.Equal(200, status);
    }

    private static JsonElement Json((int Status, string Body) response) => JsonDocument.Parse(response.Body).RootElement;

    /// <summary>One request on its own connection (Connection: close), read to the end: the status and the body.</summary>
    private async Task<(int Status, string Body)> SendAsync(string requestLine, string headers, string? body)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(_server.Server.BaseAddress.Host, _server.Server.BaseAddress.Port);
        var stream = client.GetStream();
        var bodyBytes = body is null ? [] : Encoding.UTF8.GetBytes(body);
        var head = $"{requestLine}\r\nHost: 127.0.0.1\r\nConnection: close\r\n{headers}" + (body is null ? "" : $"Content-Length: {bodyBytes.Length}\r\n") + "\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head));
        await stream.WriteAsync(bodyBytes);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        using var read = new MemoryStream();
        await stream.CopyToAsync(read, timeout.Token);
        var text = Encoding.UTF8.GetString(read.ToArray());
        var split = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        Assert.True(split > 0, $"no HTTP answer: '{text}'");
        var status = int.Parse(text.AsSpan(9, 3), System.Globalization.CultureInfo.InvariantCulture);
        return (status, text[(split + 4)..]);
    }
}
