using System.Text.Json;

namespace Quickstep.Server.Tests.Lambda;

/// <summary>Functions of every kind as the official AWS SDK for JavaScript sees them: the Lambda API, Task states, SNS → Lambda (sdk/lambda.mjs).</summary>
public sealed class LambdaSdkTests : IClassFixture<LambdaScenario>
{
    private readonly LambdaScenario _scenario;

    public LambdaSdkTests(LambdaScenario scenario) => _scenario = scenario;

    private JsonElement Step(string name) => _scenario.Result.GetProperty(name);

    [Fact]
    public void Dump()
    {
        File.WriteAllText("/tmp/lambda-result.json", _scenario.Result.ToString());
    }
}
