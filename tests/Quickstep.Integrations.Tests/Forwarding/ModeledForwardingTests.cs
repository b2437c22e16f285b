using System.Net;
using System.Text;
using Quickstep.Aws.Signing;
using Quickstep.Engine;
using Quickstep.Integrations.AwsSdk;
using Quickstep.Integrations.Forwarding;
using Quickstep.Integrations.Tests.Http;
using Quickstep.Json;

namespace Quickstep.Integrations.Tests.Forwarding;

/// <summary>
/// Task calls to services Quickstep does not serve (DynamoDB and ECS over AWS JSON, STS over query), forwarded from the
/// model table to a real HTTP server on loopback that checks every request's SigV4 signature with the repository's verifier.
/// </summary>
public sealed class ModeledForwardingTests : IAsyncLifetime
{
    private static readonly AwsCredentials Key = new("AKIDMODELED", "modeled-secret");
    private readonly List<(string Target, SigV4Result Signature)> _seen = [];
    private LoopbackHttpServer _server = null!;

    public Task InitializeAsync()
    {
        var verifier = new SigV4Verifier(id => id == Key.AccessKeyId ? Key : null, TimeProvider.System);
        _server = new LoopbackHttpServer(async (request, response) =>
        {
            var body = Encoding.UTF8.GetBytes(request.Body);
            var signature = verifier.Verify(new SigV4Request(request.Method, request.Path, request.Query.TrimStart('?'),
                name => request.Headers.TryGetValue(name, out var v) ? v : null), SigV4.Sha256Hex(body));
            var target = request.Headers.TryGetValue("X-Amz-Target", out var t) ? t : "query:" + request.Body;
            lock (_seen)
                _seen.Add((target, signature));
            if (!signature.IsValid)
            {
                await LoopbackHttpServer.WriteAsync(response, 400, $$"""{"__type":"InvalidSignatureException","message":{{JsonText.Serialize(JString.Create(signature.Message))}}}""", "application/x-amz-json-1.0");
                return;
            }

            switch (target)
            {
                case "DynamoDB_20120810.PutItem":
                    await LoopbackHttpServer.WriteAsync(response, 200, """{"ConsumedCapacity":{"TableName":"orders","CapacityUnits":1.0}}""", "application/x-amz-json-1.0");
                    break;
                case "DynamoDB_20120810.GetItem":
                    await LoopbackHttpServer.WriteAsync(response, 400, """{"__type":"com.amazonaws.dynamodb.v20120810#ResourceNotFoundException","message":"Requested resource not found"}""", "application/x-amz-json-1.0");
                    break;
                case "AmazonEC2ContainerServiceV20141113.RunTask":
                    await LoopbackHttpServer.WriteAsync(response, 200, """{"tasks":[{"taskArn":"arn:aws:ecs:us-east-1:123456789012:task/c/1"}],"failures":[]}""", "application/x-amz-json-1.1");
                    break;
                default:
                    await LoopbackHttpServer.WriteAsync(response, 200, """
                        <GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><GetCallerIdentityResult>
                        <Arn>arn:aws:iam::123456789012:user/ada</Arn><UserId>AIDA</UserId><Account>123456789012</Account>
                        </GetCallerIdentityResult></GetCallerIdentityResponse>
                        """, "text/xml");
                    break;
            }
        });
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private AwsServiceResourceHandler Handler(HttpClient http, AwsCredentials key)
    {
        var target = new ForwardingEndpoint(new Uri(_server.Url), "eu-west-1", key);
        return new AwsServiceResourceHandler([ForwardingServices.Create("dynamodb", target, http)!, ForwardingServices.Create("ecs", target, http)!, ForwardingServices.Create("sts", target, http)!]);
    }

    [Fact]
    public async Task SdkAndOptimizedResources_OfModeledServices_AreForwardedSigned_InTheirProtocols()
    {
        using var http = new HttpClient();
        var engine = new QuickstepEngine(new EngineOptions { ResourceHandlers = [Handler(http, Key)] });
        var machine = engine.Load("""
            {"StartAt": "Put", "States": {
              "Put": {"Type": "Task", "Resource": "arn:aws:states:::aws-sdk:dynamodb:putItem",
                      "Parameters": {"TableName": "orders", "Item": {"id": {"S.$": "$.id"}}}, "ResultPath": "$.put", "Next": "Run"},
              "Run": {"Type": "Task", "Resource": "arn:aws:states:::ecs:runTask", "Parameters": {"Cluster": "c", "TaskDefinition": "td"}, "ResultPath": "$.run", "Next": "Who"},
              "Who": {"Type": "Task", "Resource": "arn:aws:states:::aws-sdk:sts:getCallerIdentity", "Parameters": {}, "ResultPath": "$.who", "Next": "Get"},
              "Get": {"Type": "Task", "Resource": "arn:aws:states:::dynamodb:getItem", "Parameters": {"TableName": "missing", "Key": {"id": {"S": "1"}}}, "End": true}
            }}
            """, "forward");

        var result = await machine.ExecuteAsync(JsonText.Parse("""{"id": "o-1"}"""));

        Assert.Equal("DynamoDb.ResourceNotFoundException", result.Error);
        Assert.StartsWith("Requested resource not found (Service: DynamoDb, Status Code: 400, Request ID: ", result.Cause, StringComparison.Ordinal);
        Assert.Equal(["DynamoDB_20120810.PutItem", "AmazonEC2ContainerServiceV20141113.RunTask", "DynamoDB_20120810.GetItem"], _seen.Select(s => s.Target).Where(t => !t.StartsWith("query:", StringComparison.Ordinal)));
        Assert.All(_seen, s => Assert.True(s.Signature.IsValid, s.Signature.Message));
        Assert.Equal(["dynamodb", "ecs", "sts", "dynamodb"], _seen.Select(s => s.Signature.Service));
        Assert.All(_seen, s => Assert.Equal("eu-west-1", s.Signature.Region));
        var put = _server.Requests.First(r => r.Headers.GetValueOrDefault("X-Amz-Target") == "DynamoDB_20120810.PutItem");
        Assert.Equal("""{"TableName":"orders","Item":{"id":{"S":"o-1"}}}""", put.Body);
        Assert.StartsWith("application/x-amz-json-1.0", put.Headers["Content-Type"], StringComparison.Ordinal);
        var sts = _server.Requests.Single(r => !r.Headers.ContainsKey("X-Amz-Target"));
        Assert.Equal("Action=GetCallerIdentity&Version=2011-06-15", sts.Body);
    }

    [Fact]
    public async Task Outputs_ComeBackAsTheTaskResult()
    {
        using var http = new HttpClient();
        var engine = new QuickstepEngine(new EngineOptions { ResourceHandlers = [Handler(http, Key)] });
        var machine = engine.Load("""
            {"StartAt": "Run", "States": {
              "Run": {"Type": "Task", "Resource": "arn:aws:states:::ecs:runTask", "Parameters": {"Cluster": "c"}, "ResultPath": "$.run", "Next": "Who"},
              "Who": {"Type": "Task", "Resource": "arn:aws:states:::aws-sdk:sts:getCallerIdentity", "Parameters": {}, "ResultPath": "$.who", "End": true}
            }}
            """, "outputs");

        var result = await machine.ExecuteAsync(JObject.Empty);

        Assert.True(result.Error is null, result.Cause);
        Assert.Equal("""{"run":{"tasks":[{"taskArn":"arn:aws:ecs:us-east-1:123456789012:task/c/1"}],"failures":[]},"who":{"Arn":"arn:aws:iam::123456789012:user/ada","UserId":"AIDA","Account":"123456789012"}}""",
            JsonText.Serialize(result.Output!));
    }

    [Fact]
    public async Task AWrongKey_IsRefusedByTheVerifier_AndFailsTheTaskWithTheServicesError()
    {
        using var http = new HttpClient();
        var engine = new QuickstepEngine(new EngineOptions { ResourceHandlers = [Handler(http, new AwsCredentials(Key.AccessKeyId, "not-the-secret"))] });
        var machine = engine.Load("""
            {"StartAt": "Put", "States": {"Put": {"Type": "Task", "Resource": "arn:aws:states:::aws-sdk:dynamodb:putItem", "Parameters": {"TableName": "t"}, "End": true}}}
            """, "wrong-key");

        var result = await machine.ExecuteAsync(JObject.Empty);

        Assert.Equal("DynamoDb.InvalidSignatureException", result.Error);
        Assert.False(Assert.Single(_seen).Signature.IsValid);
    }

    [Theory]
    [InlineData("DynamoDB", "DynamoDb")]
    [InlineData("CloudWatch Logs", "CloudWatchLogs")]
    [InlineData("ECS", "Ecs")]
    [InlineData("EventBridge", "EventBridge")]
    [InlineData("S3", "S3")]
    public void JavaClientName_FollowsTheSdkNaming(string serviceId, string expected) =>
        Assert.Equal(expected, AwsServiceInfo.JavaClientName(serviceId));

    [Fact]
    public void Forwarding_IsRefusedForRestServices_AndUnknownNames_WithAReason()
    {
        var target = new ForwardingEndpoint(new Uri("http://127.0.0.1:1"), "us-east-1", Key);
        using var http = new HttpClient();

        Assert.Null(ForwardingServices.Create("apigateway", target, http));
        Assert.Contains("speaks rest-json", ForwardingServices.WhyNot("apigateway"), StringComparison.Ordinal);
        Assert.Contains("is not the signing name of an AWS service", ForwardingServices.WhyNot("nosuch"), StringComparison.Ordinal);
        Assert.Equal("DynamoDB_20120810", AwsServiceModels.ForSigningName("dynamodb")!.TargetPrefix);
    }
}
