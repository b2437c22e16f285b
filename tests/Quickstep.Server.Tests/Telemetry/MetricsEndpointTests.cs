using System.Globalization;
using System.Text.Json;

namespace Quickstep.Server.Tests.Telemetry;

/// <summary>GET /metrics and the health endpoints after real executions on a live server.</summary>
public sealed class MetricsEndpointTests(InProcessServer server) : IClassFixture<InProcessServer>
{
    private async Task<string> CreateAsync(string definition)
    {
        var name = "metrics-" + Guid.NewGuid().ToString("N")[..12];
        var (status, body) = await server.CallAsync("CreateStateMachine", JsonSerializer.Serialize(new
        {
            name,
            definition,
            roleArn = "arn:aws:iam::123456789012:role/r",
            type = "EXPRESS",
        }));
        Assert.Equal(200, status);
        return body.GetProperty("stateMachineArn").GetString()!;
    }

    private async Task<Dictionary<string, double>> ScrapeAsync()
    {
        using var response = await server.Http.GetAsync("/metrics");
        Assert.Equal(200, (int)response.StatusCode);
        Assert.StartsWith("text/plain", response.Content.Headers.ContentType!.ToString(), StringComparison.Ordinal);
        var text = await response.Content.ReadAsStringAsync();
        var samples = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            if (line.StartsWith('#'))
            {
                Assert.Matches(@"^# (HELP|TYPE) [a-zA-Z_:][a-zA-Z0-9_:]* ", line);
                continue;
            }

            var space = line.LastIndexOf(' ');
            samples[line[..space]] = double.Parse(line[(space + 1)..], CultureInfo.InvariantCulture);
        }

        Assert.Contains("# TYPE ExecutionsStarted counter", text, StringComparison.Ordinal);
        Assert.Contains("# TYPE ExecutionTime histogram", text, StringComparison.Ordinal);
        return samples;
    }

    [Fact]
    public async Task Metrics_AfterExecutions_CountsPerStateMachineWithCloudWatchNames()
    {
        var ok = await CreateAsync("""{"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}}""");
        var failing = await CreateAsync("""{"StartAt":"F","States":{"F":{"Type":"Fail","Error":"E","Cause":"C"}}}""");
        for (var i = 0; i < 3; i++)
            Assert.Equal(200, (await server.CallAsync("StartSyncExecution", JsonSerializer.Serialize(new { stateMachineArn = ok, input = "{}" }))).Status);
        for (var i = 0; i < 2; i++)
            Assert.Equal(200, (await server.CallAsync("StartSyncExecution", JsonSerializer.Serialize(new { stateMachineArn = failing, input = "{}" }))).Status);

        // One asynchronous execution, through the queue and a worker.
        var (_, started) = await server.CallAsync("StartExecution", JsonSerializer.Serialize(new { stateMachineArn = ok, input = "{}" }));
        var arn = started.GetProperty("executionArn").GetString();
        for (var i = 0; i < 200; i++)
        {
            var (_, d) = await server.CallAsync("DescribeExecution", JsonSerializer.Serialize(new { executionArn = arn }));
            if (d.GetProperty("status").GetString() != "RUNNING")
                break;
            await Task.Delay(25);
        }

        var m = await ScrapeAsync();
        Assert.Equal(4, m[$"ExecutionsStarted{{StateMachineArn=\"{ok}\"}}"]);
        Assert.Equal(4, m[$"ExecutionsSucceeded{{StateMachineArn=\"{ok}\"}}"]);
        Assert.Equal(2, m[$"ExecutionsStarted{{StateMachineArn=\"{failing}\"}}"]);
        Assert.Equal(2, m[$"ExecutionsFailed{{StateMachineArn=\"{failing}\"}}"]);
        Assert.False(m.ContainsKey($"ExecutionsFailed{{StateMachineArn=\"{ok}\"}}"));
        Assert.Equal(4, m[$"ExecutionTime_count{{StateMachineArn=\"{ok}\"}}"]);
        Assert.Equal(4, m[$"ExecutionTime_bucket{{StateMachineArn=\"{ok}\",le=\"+Inf\"}}"]);
        Assert.Equal(0, m["quickstep_async_queue_depth"]);
        Assert.Equal(0, m["quickstep_workers_busy"]);
        Assert.Equal(1000, m["quickstep_workers_max"]);
        Assert.True(m["quickstep_store_write_duration_ms_count"] > 0);
        Assert.True(m["quickstep_store_writes"] > 0);
    }

    [Fact]
    public async Task Health_LiveAndReady_Answer200()
    {
        using var live = await server.Http.GetAsync("/health/live");
        Assert.Equal(200, (int)live.StatusCode);
        using var ready = await server.Http.GetAsync("/health/ready");
        Assert.Equal(200, (int)ready.StatusCode);
        Assert.Contains("ready", await ready.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var old = await server.Http.GetAsync("/quickstep/health");
        Assert.Equal(200, (int)old.StatusCode);
    }
}
