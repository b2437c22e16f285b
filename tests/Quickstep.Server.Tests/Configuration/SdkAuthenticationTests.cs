using System.Text.Json;

namespace Quickstep.Server.Tests.Configuration;

/// <summary>
/// Requests signed by the official AWS SDK for JavaScript verify, and each refusal comes in the shape of the service
/// the request was for, so the SDK names the error (sdk/auth.mjs). The bucket comes from the configuration's resources.
/// SNS is not served on this branch: a request that passes the check reaches routing, which answers 400.
/// </summary>
public sealed class SdkAuthenticationTests : IAsyncLifetime
{
    private const string KeyId = "AKIDJSCLIENT";
    private const string Secret = "js/secret+key";
    private readonly FakeSqsService _sqs = new();
    private ConfiguredServer _server = null!;
    private JsonElement _result;

    public async Task InitializeAsync()
    {
        await Npm.EnsureInstalledAsync();
        _server = await ConfiguredServer.StartAsync(
            $$$"""{"credentials": [{"accessKeyId": "{{{KeyId}}}", "secretAccessKey": "{{{Secret}}}"}], "resources": {"buckets": [{"name": "auth-bucket"}]}}""", _sqs);
        var (code, stdout, stderr) = await ProcessRunner.RunAsync("node", ["auth.mjs", _server.Endpoint, KeyId, Secret], Repo.SdkDirectory, TimeSpan.FromSeconds(60));
        Assert.True(code == 0, $"node auth.mjs failed ({code}): {stderr}");
        _result = JsonDocument.Parse(stdout).RootElement.Clone();
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public void StepFunctions_SignedBySdk_IsAccepted() => Assert.Equal(0, Step("sfnGood").GetProperty("ok").GetInt32());

    [Theory]
    [InlineData("sfnWrongSecret", "InvalidSignatureException", 400, "The request signature we calculated does not match")]
    [InlineData("sfnUnknownKey", "UnrecognizedClientException", 400, "The security token included in the request is invalid.")]
    [InlineData("sfnSkewed", "InvalidSignatureException", 400, "Signature expired: ")]
    [InlineData("sqsWrongSecret", "SignatureDoesNotMatch", 400, "The request signature we calculated does not match")]
    [InlineData("s3WrongSecret", "SignatureDoesNotMatch", 403, "The request signature we calculated does not match")]
    [InlineData("s3UnknownKey", "InvalidAccessKeyId", 403, "The AWS Access Key Id you provided does not exist in our records.")]
    [InlineData("s3Skewed", "RequestTimeTooSkewed", 403, "The difference between the request time and the current time is too large.")]
    [InlineData("snsWrongSecret", "SignatureDoesNotMatch", 403, "The request signature we calculated does not match")]
    [InlineData("snsUnknownKey", "InvalidClientTokenId", 403, "The security token included in the request is invalid.")]
    public void Refusal_IsInTheServicesShape(string step, string error, int status, string message)
    {
        var r = Step(step);
        Assert.True(r.TryGetProperty("error", out var name), r.ToString());
        Assert.Equal((error, status), (name.GetString(), r.GetProperty("status").GetInt32()));
        Assert.StartsWith(message, r.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Sqs_SignedBySdk_ReachesTheService()
    {
        Assert.Equal("msg-1", Step("sqsGood").GetProperty("ok").GetString());
        Assert.Equal("signed by the SDK", Assert.Single(_sqs.Sent)["MessageBody"]!.ToString().Trim('"'));
    }

    [Fact]
    public void S3_SignedBySdk_StoresAndReadsTheObject()
    {
        Assert.StartsWith("\"", Step("s3Good").GetProperty("ok").GetString(), StringComparison.Ordinal);
        Assert.Equal("hello", Step("s3GoodGet").GetProperty("ok").GetString());
    }

    [Fact]
    public void Sns_SignedBySdk_PassesTheCheck()
    {
        // A signed ListTopics passes the check and reaches SNS (no topics on this server).
        var r = Step("snsGood");
        Assert.False(r.TryGetProperty("error", out _), r.ToString());
        Assert.Equal(0, r.GetProperty("ok").GetInt32());
    }

    private JsonElement Step(string name) => _result.GetProperty(name);
}
