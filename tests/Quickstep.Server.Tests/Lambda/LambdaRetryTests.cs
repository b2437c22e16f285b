using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace Quickstep.Server.Tests.Lambda;

/// <summary>
/// Event invocations of a real Python handler that fails: Lambda's two retries after its waits (shortened to 1 s here),
/// the same request id on every attempt, then the invocation record in the on-failure destination queue; a function that
/// succeeds on a retry sends nothing there; maximumRetryAttempts 0 runs once. Driven by sdk/lambda-retries.mjs.
/// </summary>
public sealed class LambdaRetryTests : IAsyncLifetime
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "qs-lambda-retry-" + Guid.NewGuid().ToString("N"));
    private QuickstepServer _server = null!;
    private JsonElement _result;

    private string Attempts(string name) => Path.Combine(_dir, name + ".jsonl");

    public async Task InitializeAsync()
    {
        await Npm.EnsureInstalledAsync();
        Directory.CreateDirectory(_dir);
        var code = JsonSerializer.Serialize(Path.Combine(LambdaScenario.DataDirectory, "python"));
        var config = Path.Combine(_dir, "quickstep.json");
        await File.WriteAllTextAsync(config, $$"""
            {
              "resources": {"queues": [{"name": "lambda-failures"}]},
              "functions": {
                "FailAlways": {"runtime": "python", "handler": "app.attempt", "codeDir": {{code}}, "environment": {"ATTEMPTS_FILE": {{JsonSerializer.Serialize(Attempts("always"))}}},
                               "onFailure": "arn:aws:sqs:us-east-1:123456789012:lambda-failures"},
                "Flaky": {"runtime": "python", "handler": "app.attempt", "codeDir": {{code}}, "environment": {"ATTEMPTS_FILE": {{JsonSerializer.Serialize(Attempts("flaky"))}}},
                          "onFailure": "arn:aws:sqs:us-east-1:123456789012:lambda-failures"},
                "NoRetries": {"runtime": "python", "handler": "app.attempt", "codeDir": {{code}}, "environment": {"ATTEMPTS_FILE": {{JsonSerializer.Serialize(Attempts("once"))}}},
                              "maximumRetryAttempts": 0}
              }
            }
            """);
        _server = await QuickstepServer.StartAsync(
            new QuickstepServerOptions { Port = 0, DatabasePath = Path.Combine(_dir, "q.db"), ConfigFile = config, LambdaRetryDelays = [TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1)] },
            logging => logging.SetMinimumLevel(LogLevel.Warning));
        var (exit, stdout, stderr) = await ProcessRunner.RunAsync("node", ["lambda-retries.mjs", _server.BaseAddress.ToString().TrimEnd('/')], Repo.SdkDirectory, TimeSpan.FromSeconds(120));
        Assert.True(exit == 0, $"node lambda-retries.mjs failed ({exit}): {stderr}");
        _result = JsonDocument.Parse(stdout).RootElement.Clone();
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        try
        {
            Directory.Delete(_dir, recursive: true);
        }
        catch (IOException)
        {
            // Best effort.
        }
    }

    private List<JsonElement> Lines(string name) =>
        [.. File.ReadAllLines(Attempts(name)).Select(line => JsonDocument.Parse(line).RootElement.Clone())];

    [Fact]
    public void FailingFunction_RunsThreeTimes_WithTheSameRequestId_AfterTheWaits_ThenItsRecordGoesToTheDestination()
    {
        Assert.Equal([202, 202, 202], _result.GetProperty("statuses").EnumerateArray().Select(s => s.GetInt32()));
        var attempts = Lines("always");
        Assert.Equal(3, attempts.Count);
        var requestId = attempts[0].GetProperty("requestId").GetString();
        Assert.All(attempts, a => Assert.Equal(requestId, a.GetProperty("requestId").GetString()));
        for (var i = 1; i < attempts.Count; i++)
            Assert.True(attempts[i].GetProperty("time").GetDouble() - attempts[i - 1].GetProperty("time").GetDouble() >= 0.9, "a retry came before its wait");

        var record = Assert.Single(_result.GetProperty("records").EnumerateArray());
        Assert.Equal("1.0", record.GetProperty("version").GetString());
        var context = record.GetProperty("requestContext");
        Assert.Equal(requestId, context.GetProperty("requestId").GetString());
        Assert.Equal("arn:aws:lambda:us-east-1:123456789012:function:FailAlways:$LATEST", context.GetProperty("functionArn").GetString());
        Assert.Equal("RetriesExhausted", context.GetProperty("condition").GetString());
        Assert.Equal(3, context.GetProperty("approximateInvokeCount").GetInt32());
        Assert.Equal("always", record.GetProperty("requestPayload").GetProperty("id").GetString());
        Assert.Equal("Unhandled", record.GetProperty("responseContext").GetProperty("functionError").GetString());
        Assert.Equal(200, record.GetProperty("responseContext").GetProperty("statusCode").GetInt32());
        Assert.Equal("PaymentDeclined", record.GetProperty("responsePayload").GetProperty("errorType").GetString());
        Assert.Equal("attempt 3 for always failed", record.GetProperty("responsePayload").GetProperty("errorMessage").GetString());
    }

    [Fact]
    public void FunctionThatSucceedsOnARetry_StopsRetrying_AndSendsNoRecord()
    {
        Assert.Equal(2, Lines("flaky").Count);
        Assert.DoesNotContain(_result.GetProperty("records").EnumerateArray(), r => r.GetProperty("requestPayload").GetProperty("id").GetString() == "flaky");
    }

    [Fact]
    public void NoRetries_RunsOnce_AndWithoutADestinationIsDropped()
    {
        Assert.Single(Lines("once"));
        Assert.DoesNotContain(_result.GetProperty("records").EnumerateArray(), r => r.GetProperty("requestPayload").GetProperty("id").GetString() == "once");
    }
}
