using System.Diagnostics;
using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace Quickstep.Server.Tests.Limits;

/// <summary>The server's limits of issue 18: header size (431 in AWS's shape), the bounded queue and the sync cap (ThrottlingException), history pages, StopExecution of a computing execution.</summary>
public sealed class ServerLimitsTests : IAsyncLifetime
{
    private const string Role = "arn:aws:iam::123456789012:role/r";
    private const string Arn = "arn:aws:states:us-east-1:123456789012:stateMachine:";
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "qs-limits-" + Guid.NewGuid().ToString("N"));
    private QuickstepServer _server = null!;
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        _server = await QuickstepServer.StartAsync(
            new QuickstepServerOptions { Port = 0, DatabasePath = Path.Combine(_dir, "q.db"), MaxConcurrentExecutions = 1, MaxQueuedExecutions = 1, MaxSyncExecutionsPerStateMachine = 1 },
            logging => logging.SetMinimumLevel(LogLevel.Warning));
        _http = new HttpClient { BaseAddress = _server.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
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

    private Task<(int Status, JsonElement Body)> Call(string operation, object body) =>
        InProcessServer.Call(_http, operation, JsonSerializer.Serialize(body));

    private async Task CreateAsync(string name, string definition)
    {
        var (status, body) = await Call("CreateStateMachine", new { name, definition, roleArn = Role, type = "EXPRESS" });
        Assert.True(status == 200, body.ToString());
    }

    [Fact]
    public async Task HugeHeader_Is431InTheAwsJsonShape()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/") { Content = new StringContent("{}") };
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/x-amz-json-1.0");
        request.Headers.Add("X-Amz-Target", "AWSStepFunctions.ListStateMachines");
        request.Headers.Add("X-Big", new string('a', 60_000));
        using var response = await _http.SendAsync(request);
        Assert.Equal(431, (int)response.StatusCode);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("RequestHeaderFieldsTooLarge", body.GetProperty("__type").GetString());
        Assert.Contains("limit is 32768", body.GetProperty("message").GetString(), StringComparison.Ordinal);

        // A normal request right after is served.
        var (status, _) = await Call("ListStateMachines", new { });
        Assert.Equal(200, status);
    }

    [Fact]
    public async Task SyncExecutionsOfOneMachine_OverTheCap_AreThrottled()
    {
        await CreateAsync("slowsync", """{"StartAt":"W","States":{"W":{"Type":"Wait","Seconds":2,"End":true}}}""");
        await CreateAsync("other", """{"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}}""");
        var first = Call("StartSyncExecution", new { stateMachineArn = Arn + "slowsync", input = "{}" });
        await Task.Delay(500);
        var (status, body) = await Call("StartSyncExecution", new { stateMachineArn = Arn + "slowsync", input = "{}" });
        Assert.Equal(400, status);
        Assert.Equal("ThrottlingException", body.GetProperty("__type").GetString());
        // Another machine has its own slots.
        (status, body) = await Call("StartSyncExecution", new { stateMachineArn = Arn + "other", input = "{}" });
        Assert.True(status == 200, body.ToString());
        var (firstStatus, firstBody) = await first;
        Assert.Equal(200, firstStatus);
        Assert.Equal("SUCCEEDED", firstBody.GetProperty("status").GetString());
        // The slot is given back.
        (status, body) = await Call("StartSyncExecution", new { stateMachineArn = Arn + "other", input = "{}" });
        Assert.True(status == 200, body.ToString());
    }

    [Fact]
    public async Task AsyncQueue_WhenFull_Throttles()
    {
        await CreateAsync("slowasync", """{"StartAt":"W","States":{"W":{"Type":"Wait","Seconds":3,"End":true}}}""");
        // One runs (the only worker), one waits (the queue's one place), the third is refused.
        var (status, body) = await Call("StartExecution", new { stateMachineArn = Arn + "slowasync", input = "{}" });
        Assert.True(status == 200, body.ToString());
        await Task.Delay(500);
        (status, body) = await Call("StartExecution", new { stateMachineArn = Arn + "slowasync", input = "{}" });
        Assert.True(status == 200, body.ToString());
        (status, body) = await Call("StartExecution", new { stateMachineArn = Arn + "slowasync", input = "{}" });
        Assert.Equal(400, status);
        Assert.Equal("ThrottlingException", body.GetProperty("__type").GetString());
    }

    [Fact]
    public async Task GetExecutionHistory_Pages_CoverTheHistoryOnceInBothOrders()
    {
        await CreateAsync("many", """
            {"StartAt":"M","States":{"M":{"Type":"Map","ItemsPath":"$.a","ItemProcessor":{"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}},"End":true}}}
            """);
        var input = "{\"a\":[" + string.Join(',', Enumerable.Range(0, 150)) + "]}";
        var (status, body) = await Call("StartSyncExecution", new { stateMachineArn = Arn + "many", input });
        Assert.True(status == 200, body.ToString());
        var arn = body.GetProperty("executionArn").GetString()!;
        foreach (var reverse in new[] { false, true })
        {
            var ids = new List<long>();
            string? token = null;
            var pages = 0;
            do
            {
                (status, body) = await Call("GetExecutionHistory", token is null ? new { executionArn = arn, maxResults = 100, reverseOrder = reverse } : (object)new { executionArn = arn, maxResults = 100, reverseOrder = reverse, nextToken = token });
                Assert.True(status == 200, body.ToString());
                ids.AddRange(body.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("id").GetInt64()));
                token = body.TryGetProperty("nextToken", out var t) ? t.GetString() : null;
                pages++;
            }
            while (token is not null);

            // ExecutionStarted, MapStateEntered/Started, 150 × (iteration started, Pass entered/exited, iteration succeeded), …
            Assert.True(ids.Count > 600, $"{ids.Count} events");
            Assert.Equal(reverse ? Enumerable.Range(1, ids.Count).Reverse().Select(i => (long)i) : Enumerable.Range(1, ids.Count).Select(i => (long)i), ids);
            Assert.Equal((ids.Count + 99) / 100, pages);
        }
    }

    [Fact]
    public async Task StopExecution_OfAnExecutionThatComputes_AbortsItWithinASecond()
    {
        await CreateAsync("spin", """
            {"QueryLanguage":"JSONata","StartAt":"S","States":{"S":{"Type":"Pass","Output":"{% $distinct([1..200000]) %}","End":true}}}
            """);
        var (status, body) = await Call("StartExecution", new { stateMachineArn = Arn + "spin", input = "{}" });
        Assert.True(status == 200, body.ToString());
        var arn = body.GetProperty("executionArn").GetString()!;
        // Running its state (the class's one worker may first finish another test's executions).
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            (_, body) = await Call("GetExecutionHistory", new { executionArn = arn });
            if (body.GetProperty("events").EnumerateArray().Any(e => e.GetProperty("type").GetString() == "PassStateEntered") || DateTime.UtcNow > deadline)
                break;
            await Task.Delay(50);
        }

        await Task.Delay(300);
        var watch = Stopwatch.StartNew();
        (status, body) = await Call("StopExecution", new { executionArn = arn, error = "E", cause = "C" });
        Assert.True(status == 200, body.ToString());
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(2), $"StopExecution took {watch.Elapsed}");
        (_, body) = await Call("DescribeExecution", new { executionArn = arn });
        Assert.Equal("ABORTED", body.GetProperty("status").GetString());
    }
}
