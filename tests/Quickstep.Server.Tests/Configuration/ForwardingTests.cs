using System.Text.Json;
using Quickstep.Json;

namespace Quickstep.Server.Tests.Configuration;

/// <summary>
/// Two servers on loopback: B checks signatures (credentials in its configuration) and runs a stand-in SQS; A forwards
/// its workflows' SQS calls to B, signed with B's key. A third server signs with a wrong secret and is refused.
/// </summary>
public sealed class ForwardingTests : IAsyncLifetime
{
    private const string KeyId = "AKIDQUICKSTEPB";
    private const string Secret = "b-secret/key+value";
    private readonly FakeSqsService _sqs = new();
    private ConfiguredServer _checking = null!;
    private ConfiguredServer _forwarding = null!;
    private ConfiguredServer _wrongSecret = null!;

    public async Task InitializeAsync()
    {
        _checking = await ConfiguredServer.StartAsync($$"""{"credentials": [{"accessKeyId": "{{KeyId}}", "secretAccessKey": "{{Secret}}"}]}""", _sqs);
        _forwarding = await ConfiguredServer.StartAsync(Forwarding(Secret));
        _wrongSecret = await ConfiguredServer.StartAsync(Forwarding("not-the-secret"));
    }

    public async Task DisposeAsync()
    {
        await _wrongSecret.DisposeAsync();
        await _forwarding.DisposeAsync();
        await _checking.DisposeAsync();
    }

    [Fact]
    public async Task SendMessage_ForwardedSignedToSecondServer_Succeeds()
    {
        var (status, body) = await RunAsync(_forwarding, "send-ok", """{"order": 7}""");

        Assert.Equal(200, status);
        Assert.Equal("SUCCEEDED", body.GetProperty("status").GetString());
        var output = JsonDocument.Parse(body.GetProperty("output").GetString()!).RootElement;
        var sent = Assert.Single(_sqs.Sent);
        Assert.Equal("""{"QueueUrl":"http://127.0.0.1/123456789012/orders","MessageBody":"{\"order\":7}"}""", JsonText.Serialize(sent));
        Assert.Equal("msg-1", output.GetProperty("MessageId").GetString());
        Assert.Equal("4db405096ca2c297ffb21aeada277352", output.GetProperty("MD5OfMessageBody").GetString());
        Assert.Equal(200, output.GetProperty("SdkHttpMetadata").GetProperty("HttpStatusCode").GetInt32());
    }

    [Fact]
    public async Task SendMessage_SignedWithWrongSecret_IsRefusedBySecondServer()
    {
        var (status, body) = await RunAsync(_wrongSecret, "send-refused", """{"order": 8}""");

        Assert.Equal(200, status);
        Assert.Equal("FAILED", body.GetProperty("status").GetString());
        Assert.Equal("SQS.AmazonSQSException", body.GetProperty("error").GetString());
        var cause = body.GetProperty("cause").GetString()!;
        Assert.StartsWith("The request signature we calculated does not match the signature you provided.", cause, StringComparison.Ordinal);
        Assert.Contains("(Service: AmazonSQS; Status Code: 400; Error Code: SignatureDoesNotMatch;", cause, StringComparison.Ordinal);
        Assert.DoesNotContain(_sqs.Sent, m => JsonText.Serialize(m).Contains("8", StringComparison.Ordinal));
    }

    [Fact]
    public async Task UnsignedRequest_ToCheckingServer_IsMissingAuthenticationToken()
    {
        var (status, body) = await InProcessServer.Call(_checking.Http, "ListStateMachines", "{}");

        Assert.Equal(400, status);
        Assert.Equal("MissingAuthenticationTokenException", body.GetProperty("__type").GetString());
        Assert.Equal("Missing Authentication Token", body.GetProperty("message").GetString());
    }

    [Fact]
    public async Task UnsignedObjectRequest_ToCheckingServer_IsS3AccessDenied()
    {
        using var response = await _checking.Http.GetAsync(new Uri("/bucket/key.txt", UriKind.Relative));
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(403, (int)response.StatusCode);
        Assert.Equal("application/xml", response.Content.Headers.ContentType!.MediaType);
        Assert.Contains("<Error><Code>AccessDenied</Code><Message>Access Denied</Message>", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HealthEndpoint_StaysOpen()
    {
        using var response = await _checking.Http.GetAsync(new Uri("/quickstep/health", UriKind.Relative));
        Assert.Equal(200, (int)response.StatusCode);
    }

    private string Forwarding(string secret) => $$"""
        {
          "services": {
            "sqs": { "endpoint": "{{_checking.Endpoint}}", "region": "us-east-1",
                     "credentials": { "accessKeyId": "{{KeyId}}", "secretAccessKey": "{{secret}}" } }
          }
        }
        """;

    private static async Task<(int Status, JsonElement Body)> RunAsync(ConfiguredServer server, string name, string input)
    {
        var definition = JsonSerializer.Serialize("""
            {"StartAt": "Send", "States": {"Send": {"Type": "Task", "Resource": "arn:aws:states:::sqs:sendMessage",
              "Parameters": {"QueueUrl": "http://127.0.0.1/123456789012/orders", "MessageBody.$": "$"}, "End": true}}}
            """);
        var (created, createdBody) = await InProcessServer.Call(server.Http, "CreateStateMachine",
            $$"""{"name": "{{name}}", "type": "EXPRESS", "roleArn": "arn:aws:iam::123456789012:role/r", "definition": {{definition}}}""");
        Assert.True(created == 200, createdBody.ToString());
        var arn = createdBody.GetProperty("stateMachineArn").GetString();
        return await InProcessServer.Call(server.Http, "StartSyncExecution", $$"""{"stateMachineArn": "{{arn}}", "input": {{JsonSerializer.Serialize(input)}}}""");
    }
}
