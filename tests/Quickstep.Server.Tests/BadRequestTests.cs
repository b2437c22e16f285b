using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Quickstep.Server.Tests;

/// <summary>A battery of bad raw HTTP requests: each gets a 4xx in AWS's error shape, and the server keeps serving.</summary>
public sealed class BadRequestTests : IClassFixture<InProcessServer>
{
    private const string Sm = "arn:aws:states:us-east-1:123456789012:stateMachine:";
    private readonly InProcessServer _server;

    public BadRequestTests(InProcessServer server) => _server = server;

    public static TheoryData<string, string?, string, string> JsonBodies => new()
    {
        // name, operation, body, expected __type
        { "malformed JSON", "ListStateMachines", "{", "SerializationException" },
        { "JSON array body", "ListStateMachines", "[]", "SerializationException" },
        { "JSON string body", "ListStateMachines", "\"x\"", "SerializationException" },
        { "trailing garbage", "ListStateMachines", "{} x", "SerializationException" },
        { "unknown operation", "DoSomethingElse", "{}", "UnknownOperationException" },
        { "missing target", null, "{}", "UnknownOperationException" },
        { "name is a number", "CreateStateMachine", """{"name":5,"definition":"{}","type":"EXPRESS"}""", "SerializationException" },
        { "definition is an object", "CreateStateMachine", """{"name":"x","definition":{"StartAt":"A"},"type":"EXPRESS"}""", "SerializationException" },
        { "missing name", "CreateStateMachine", """{"definition":"{}","type":"EXPRESS"}""", "ValidationException" },
        { "missing roleArn", "CreateStateMachine", """{"name":"x","definition":"{}","type":"EXPRESS"}""", "ValidationException" },
        { "status filter a number", "ListExecutions", $$"""{"stateMachineArn":"{{Sm}}x","statusFilter":3}""", "SerializationException" },
        { "bad type enum", "CreateStateMachine", """{"name":"x","definition":"{}","roleArn":"arn:aws:iam::123456789012:role/r","type":"FAST"}""", "ValidationException" },
        { "tags not a list", "CreateStateMachine", """{"name":"x","definition":"{}","roleArn":"arn:aws:iam::123456789012:role/r","type":"EXPRESS","tags":{"a":"b"}}""", "SerializationException" },
        { "publish not a bool", "CreateStateMachine", """{"name":"x","definition":"{}","roleArn":"arn:aws:iam::123456789012:role/r","type":"EXPRESS","publish":"yes"}""", "SerializationException" },
        { "maxResults a string", "ListStateMachines", """{"maxResults":"ten"}""", "SerializationException" },
        { "maxResults fractional", "ListStateMachines", """{"maxResults":1.5}""", "SerializationException" },
        { "maxResults negative", "ListStateMachines", """{"maxResults":-1}""", "ValidationException" },
        { "name too long", "CreateStateMachine", $$"""{"name":"{{new string('n', 81)}}","definition":"{}","roleArn":"arn:aws:iam::123456789012:role/r","type":"EXPRESS"}""", "InvalidName" },
        { "name with control char", "CreateStateMachine", """{"name":"a\u0001b","definition":"{}","roleArn":"arn:aws:iam::123456789012:role/r","type":"EXPRESS"}""", "InvalidName" },
        { "arn not an arn", "DescribeStateMachine", """{"stateMachineArn":"hello"}""", "InvalidArn" },
        { "arn of another service", "DescribeStateMachine", """{"stateMachineArn":"arn:aws:lambda:us-east-1:123456789012:function:f"}""", "InvalidArn" },
        { "arn with empty name", "DescribeStateMachine", $$"""{"stateMachineArn":"{{Sm}}"}""", "InvalidArn" },
        { "arn with too many parts", "DescribeStateMachine", $$"""{"stateMachineArn":"{{Sm}}a:b:c"}""", "InvalidArn" },
        { "labeled arn", "DescribeStateMachine", $$"""{"stateMachineArn":"{{Sm}}a/label"}""", "ValidationException" },
        { "unknown machine", "DescribeStateMachine", $$"""{"stateMachineArn":"{{Sm}}nobody"}""", "StateMachineDoesNotExist" },
        { "execution arn malformed", "DescribeExecution", """{"executionArn":"arn:aws:states:us-east-1:123456789012:express:x"}""", "InvalidArn" },
        { "unknown execution", "GetExecutionHistory", """{"executionArn":"arn:aws:states:us-east-1:123456789012:express:a:b:c"}""", "ExecutionDoesNotExist" },
        { "start on unknown machine", "StartExecution", $$"""{"stateMachineArn":"{{Sm}}nobody"}""", "StateMachineDoesNotExist" },
        { "history bad token", "ListStateMachines", """{"nextToken":"%%%"}""", "InvalidToken" },
        { "token of another operation", "ListStateMachines", $$"""{"nextToken":"{{Convert.ToBase64String(Encoding.UTF8.GetBytes("qs2\n000000000000000000000000\nx"))}}"}""", "InvalidToken" },
        { "null everywhere", "CreateStateMachine", """{"name":null,"definition":null}""", "ValidationException" },
        { "definition too large", "CreateStateMachine", $$"""{"name":"big","roleArn":"arn:aws:iam::123456789012:role/r","type":"EXPRESS","definition":"{{new string(' ', 1_048_577)}}"}""", "ValidationException" },
    };

    [Theory]
    [MemberData(nameof(JsonBodies))]
    public async Task BadRequest_Gets4xxInAwsShape(string name, string? operation, string body, string expectedType)
    {
        _ = name;
        var (status, type, message) = await SendAsync(operation, Encoding.UTF8.GetBytes(body));
        Assert.InRange(status, 400, 499);
        Assert.Equal(expectedType, type);
        Assert.False(string.IsNullOrEmpty(message));
        await AssertStillServesAsync();
    }

    [Fact]
    public async Task NonUtf8Body_Gets400()
    {
        var (status, type, _) = await SendAsync("ListStateMachines", [0x7b, 0x22, 0xff, 0xfe, 0x22, 0x3a, 0x31, 0x7d]);
        Assert.Equal(400, status);
        Assert.Equal("SerializationException", type);
        await AssertStillServesAsync();
    }

    [Fact]
    public async Task DeeplyNestedBody_Gets400()
    {
        var body = new string('[', 100_000) + new string(']', 100_000);
        var (status, type, _) = await SendAsync("ListStateMachines", Encoding.UTF8.GetBytes("{\"a\":" + body + "}"));
        Assert.Equal(400, status);
        Assert.Equal("SerializationException", type);
        await AssertStillServesAsync();
    }

    [Fact]
    public async Task OversizedBody_Gets413AndConnectionSurvives()
    {
        var body = "{\"definition\":\"" + new string('x', 2 * 1024 * 1024) + "\"}";
        var (status, type, _) = await SendAsync("CreateStateMachine", Encoding.UTF8.GetBytes(body));
        Assert.Equal(413, status);
        Assert.Equal("ValidationException", type);
        await AssertStillServesAsync();
    }

    [Fact]
    public async Task DeeplyNestedOrHugeInput_GetsInvalidExecutionInputOrValidation()
    {
        await CreatePassMachineAsync("nest");
        var nested = new string('[', 50_000) + new string(']', 50_000);
        var (status, body) = await _server.CallAsync("StartSyncExecution", JsonSerializer.Serialize(new { stateMachineArn = Sm + "nest", input = nested }));
        Assert.Equal(400, status);
        Assert.Equal("InvalidExecutionInput", body.GetProperty("__type").GetString());

        (status, body) = await _server.CallAsync("StartExecution", JsonSerializer.Serialize(new { stateMachineArn = Sm + "nest", input = "\"" + new string('x', 300_000) + "\"" }));
        Assert.Equal(400, status);
        Assert.Equal("ValidationException", body.GetProperty("__type").GetString());

        (status, body) = await _server.CallAsync("StartExecution", JsonSerializer.Serialize(new { stateMachineArn = Sm + "nest", input = "{\"a\":" }));
        Assert.Equal(400, status);
        Assert.Equal("InvalidExecutionInput", body.GetProperty("__type").GetString());
        await AssertStillServesAsync();
    }

    [Theory]
    [InlineData("GET", "/", 405)]
    [InlineData("PUT", "/", 405)]
    [InlineData("GET", "/nothing-here", 404)]
    [InlineData("POST", "/some/path", 404)]
    public async Task WrongMethodOrPath_Gets4xxInAwsShape(string method, string path, int expected)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        using var response = await _server.Http.SendAsync(request);
        Assert.Equal(expected, (int)response.StatusCode);
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.True(doc.RootElement.TryGetProperty("__type", out _));
        Assert.True(doc.RootElement.TryGetProperty("message", out _));
        await AssertStillServesAsync();
    }

    [Fact]
    public async Task ManyBadRequestsInParallel_ServerKeepsServing()
    {
        var bodies = new[] { "{", "[]", "{\"maxResults\":\"x\"}", "\u0000", "{\"nextToken\":1}" };
        var tasks = Enumerable.Range(0, 100).Select(i => SendAsync("ListStateMachines", Encoding.UTF8.GetBytes(bodies[i % bodies.Length])));
        foreach (var (status, type, _) in await Task.WhenAll(tasks))
        {
            Assert.InRange(status, 400, 499);
            Assert.NotNull(type);
        }

        await AssertStillServesAsync();
    }

    private async Task CreatePassMachineAsync(string name)
    {
        var definition = """{"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}}""";
        var (status, body) = await _server.CallAsync("CreateStateMachine", JsonSerializer.Serialize(new { name, definition, roleArn = "arn:aws:iam::123456789012:role/r", type = "EXPRESS" }));
        Assert.True(status == 200, body.ToString());
    }

    private async Task<(int Status, string? Type, string? Message)> SendAsync(string? operation, byte[] body)
    {
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/x-amz-json-1.0");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/") { Content = content };
        if (operation is not null)
            request.Headers.Add("X-Amz-Target", "AWSStepFunctions." + operation);
        using var response = await _server.Http.SendAsync(request);
        Assert.Equal("application/x-amz-json-1.0", response.Content.Headers.ContentType?.MediaType);
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return ((int)response.StatusCode, doc.RootElement.GetProperty("__type").GetString(), doc.RootElement.GetProperty("message").GetString());
    }

    private async Task AssertStillServesAsync()
    {
        var (status, body) = await _server.CallAsync("ListStateMachines", "{}");
        Assert.Equal(200, status);
        Assert.True(body.TryGetProperty("stateMachines", out _));
    }
}
