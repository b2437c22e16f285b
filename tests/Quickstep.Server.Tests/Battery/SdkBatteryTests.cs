namespace Quickstep.Server.Tests.Battery;

/// <summary>Bad requests sent by the official AWS SDK for JavaScript: each SDK parses the service's own modeled error with a 4xx, quickly.</summary>
public sealed class SdkBatteryTests : IClassFixture<SdkBatteryScenario>
{
    private readonly SdkBatteryScenario _scenario;

    public SdkBatteryTests(SdkBatteryScenario scenario) => _scenario = scenario;

    [Theory]
    [InlineData("sfnLoneSurrogateName", null)]
    [InlineData("sfnLongArn", "ValidationException")]
    [InlineData("sfnTamperedToken", "InvalidToken")]
    [InlineData("sqsLongName", null)]
    [InlineData("sqsTamperedReceipt", "ReceiptHandleIsInvalid")]
    [InlineData("snsBadArn", null)]
    [InlineData("eventsBadPattern", "InvalidEventPatternException")]
    [InlineData("eventsTamperedToken", "ValidationException")]
    [InlineData("s3BadBucket", "InvalidBucketName")]
    [InlineData("lambdaUnknown", "ResourceNotFoundException")]
    [InlineData("glueUnknownJob", "EntityNotFoundException")]
    [InlineData("schedulerBadExpression", "ValidationException")]
    [InlineData("pipesTamperedToken", "ValidationException")]
    public void SdkSentBadRequest_GetsTheServicesError(string step, string? error)
    {
        var result = _scenario.Result.GetProperty(step);
        var name = result.GetProperty("error").GetString();
        Assert.False(string.IsNullOrEmpty(name), $"{step} succeeded");
        if (error is not null)
            Assert.Equal(error, name);
        Assert.InRange(result.GetProperty("status").GetInt32(), 400, 499);
        Assert.True(result.GetProperty("ms").GetInt32() < 1000, $"{step} took {result.GetProperty("ms")} ms");
    }

    [Fact]
    public void AfterTheBattery_TheServerStillServes() =>
        Assert.Equal(System.Text.Json.JsonValueKind.Null, _scenario.Result.GetProperty("stillServes").GetProperty("error").ValueKind);
}
