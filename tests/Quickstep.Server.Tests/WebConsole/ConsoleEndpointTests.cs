using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Quickstep.Aws.Signing;

namespace Quickstep.Server.Tests.WebConsole;

/// <summary>The console's files, redirect and helper endpoints over HTTP, and how they sit with the Step Functions API and credentials.</summary>
public sealed class ConsoleEndpointTests : IAsyncLifetime
{
    private const string Definition = """{"StartAt":"Route","States":{"Route":{"Type":"Choice","Choices":[{"Variable":"$.fail","BooleanEquals":true,"Next":"Boom"}],"Default":"Each"},"Each":{"Type":"Map","ItemsPath":"$.items","End":true,"ItemProcessor":{"StartAt":"Work","States":{"Work":{"Type":"Pass","End":true}}}},"Boom":{"Type":"Fail","Error":"Test.Boom","Cause":"asked to fail"}}}""";

    private readonly InProcessServer _server = new();
    private string _machine = "";

    public async Task InitializeAsync()
    {
        await _server.InitializeAsync();
        var (_, created) = await _server.CallAsync("CreateStateMachine", JsonSerializer.Serialize(new { name = "stats", type = "EXPRESS", roleArn = "arn:aws:iam::123456789012:role/r", definition = Definition }));
        _machine = created.GetProperty("stateMachineArn").GetString()!;
        foreach (var (name, fail) in new[] { ("alpha-1", false), ("alpha-2", true), ("alpha-3", false), ("beta-1", false) })
            await _server.CallAsync("StartSyncExecution", JsonSerializer.Serialize(new { stateMachineArn = _machine, name, input = JsonSerializer.Serialize(new { fail, items = new[] { 1, 2 } }) }));
    }

    public Task DisposeAsync() => _server.DisposeAsync();

    [Fact]
    public async Task BrowserAtRoot_IsRedirected_WhileTheApiOnPostRootIsUnchanged()
    {
        using var handler = new HttpClientHandler { AllowAutoRedirect = false };
        using var http = new HttpClient(handler) { BaseAddress = _server.Server.BaseAddress };
        using var browser = new HttpRequestMessage(HttpMethod.Get, "/");
        browser.Headers.Accept.ParseAdd("text/html,application/xhtml+xml");
        using var redirected = await http.SendAsync(browser);
        Assert.Equal(HttpStatusCode.Found, redirected.StatusCode);
        Assert.Equal("/console/", redirected.Headers.Location?.ToString());
        var (status, body) = await _server.CallAsync("ListStateMachines", "{}");
        Assert.Equal(200, status);
        Assert.Equal("stats", body.GetProperty("stateMachines")[0].GetProperty("name").GetString());
    }

    [Fact]
    public async Task Files_AreServedFromTheAssembly_WithTypesCachingAndPolicy()
    {
        using var page = await _server.Http.GetAsync("/console/");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        Assert.Contains("default-src 'self'", page.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.Contains("vendor/elk.bundled.js", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var elk = await _server.Http.GetAsync("/console/vendor/elk.bundled.js");
        Assert.Equal("text/javascript", elk.Content.Headers.ContentType?.MediaType);
        Assert.True(elk.Content.Headers.ContentLength > 1_000_000);
        using var again = new HttpRequestMessage(HttpMethod.Get, "/console/vendor/elk.bundled.js");
        again.Headers.TryAddWithoutValidation("If-None-Match", elk.Headers.ETag!.ToString());
        using var notModified = await _server.Http.SendAsync(again);
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
        using var missing = await _server.Http.GetAsync("/console/no-such-file.js");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task MachineStats_CountRecentExecutionsAndFailures()
    {
        var stats = await GetJsonAsync("/console/api/machines/stats");
        var m = stats.GetProperty("machines").EnumerateArray().Single(x => x.GetProperty("stateMachineArn").GetString() == _machine);
        Assert.Equal(4, m.GetProperty("lastHour").GetInt32());
        Assert.Equal(4, m.GetProperty("lastDay").GetInt32());
        Assert.Equal(1, m.GetProperty("failedLastDay").GetInt32());
    }

    [Fact]
    public async Task NameSearch_FindsByPrefix_InPages_WithTheStatusFilter()
    {
        var arn = Uri.EscapeDataString(_machine);
        var first = await GetJsonAsync($"/console/api/executions?stateMachineArn={arn}&namePrefix=alpha&maxResults=2");
        Assert.Equal(["alpha-1", "alpha-2"], Names(first));
        var token = Uri.EscapeDataString(first.GetProperty("nextToken").GetString()!);
        var second = await GetJsonAsync($"/console/api/executions?stateMachineArn={arn}&namePrefix=alpha&maxResults=2&nextToken={token}");
        Assert.Equal(["alpha-3"], Names(second));
        Assert.False(second.TryGetProperty("nextToken", out _));
        var failed = await GetJsonAsync($"/console/api/executions?stateMachineArn={arn}&namePrefix=alpha&statusFilter=FAILED");
        Assert.Equal(["alpha-2"], Names(failed));
    }

    [Fact]
    public async Task Usage_SumsTheExecutionsOfTheDay_WithAnEstimatedCost()
    {
        var usage = await GetJsonAsync("/console/api/usage?hours=24&bucket=hour");
        var points = usage.GetProperty("series").EnumerateArray().Where(p => p.GetProperty("stateMachineArn").GetString() == _machine).ToList();
        Assert.Equal(4, points.Sum(p => p.GetProperty("executions").GetInt32()));
        Assert.True(points.Sum(p => p.GetProperty("billedDurationMilliseconds").GetInt64()) >= 400); // billed in 100 ms steps
        Assert.True(points.Sum(p => p.GetProperty("estimatedCostUsd").GetDouble()) > 0);
    }

    [Fact]
    public async Task ExecutionGraph_OverlaysWhatRanOnTheGraph()
    {
        var (_, list) = await _server.CallAsync("ListExecutions", JsonSerializer.Serialize(new { stateMachineArn = _machine, statusFilter = "FAILED" }));
        var arn = list.GetProperty("executions")[0].GetProperty("executionArn").GetString()!;
        var drawn = await GetJsonAsync("/console/api/execution-graph?executionArn=" + Uri.EscapeDataString(arn));
        Assert.Equal(3, drawn.GetProperty("graph").GetProperty("nodes").GetArrayLength());
        var nodes = drawn.GetProperty("overlay").GetProperty("nodes");
        Assert.Equal("failed", nodes.GetProperty("Boom").GetProperty("status").GetString());
        Assert.Equal("notRun", nodes.GetProperty("Each").GetProperty("status").GetString());
        var graph = await GetJsonAsync("/console/api/graph?stateMachineArn=" + Uri.EscapeDataString(_machine));
        Assert.Equal("Route", graph.GetProperty("graph").GetProperty("startAt").GetString());
    }

    [Fact]
    public async Task HelperEndpoints_AnswerBadRequestsInTheApiErrorShape()
    {
        using var missing = await _server.Http.GetAsync("/console/api/executions");
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.Equal("ValidationException", JsonDocument.Parse(await missing.Content.ReadAsStringAsync()).RootElement.GetProperty("__type").GetString());
        using var unknown = await _server.Http.GetAsync("/console/api/nothing");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        using var post = await _server.Http.PostAsync("/console/api/services", new StringContent("{}"));
        Assert.Equal(HttpStatusCode.MethodNotAllowed, post.StatusCode);
    }

    [Fact]
    public async Task WithCredentials_FilesArePublic_HelperEndpointsNeedASignature()
    {
        var dir = Path.Combine(Path.GetTempPath(), "qs-console-auth-" + Guid.NewGuid().ToString("N"));
        var key = new AwsCredentials("AKIDCONSOLETEST", "secret");
        await using var server = await QuickstepServer.StartAsync(
            new QuickstepServerOptions { Port = 0, DatabasePath = Path.Combine(dir, "q.db"), Credentials = [key] },
            logging => logging.SetMinimumLevel(LogLevel.Warning));
        using var http = new HttpClient { BaseAddress = server.BaseAddress };
        using var page = await http.GetAsync("/console/js/app.js");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        using var unsigned = await http.GetAsync("/console/api/machines/stats");
        Assert.Equal(HttpStatusCode.BadRequest, unsigned.StatusCode);
        Assert.Equal("MissingAuthenticationTokenException", JsonDocument.Parse(await unsigned.Content.ReadAsStringAsync()).RootElement.GetProperty("__type").GetString());

        using var signed = new HttpRequestMessage(HttpMethod.Get, new Uri(server.BaseAddress, "/console/api/machines/stats"));
        SigV4Signer.Sign(signed, [], key, "us-east-1", "states", DateTimeOffset.UtcNow);
        using var answered = await http.SendAsync(signed);
        Assert.Equal(HttpStatusCode.OK, answered.StatusCode);
        Assert.Equal(0, JsonDocument.Parse(await answered.Content.ReadAsStringAsync()).RootElement.GetProperty("machines").GetArrayLength());

        // Signed for S3, /console/… is a bucket named "console": S3 answers, not the console.
        using var s3 = new HttpRequestMessage(HttpMethod.Get, new Uri(server.BaseAddress, "/console/js/app.js"));
        SigV4Signer.Sign(s3, [], key, "us-east-1", "s3", DateTimeOffset.UtcNow);
        using var bucket = await http.SendAsync(s3);
        Assert.Equal(HttpStatusCode.NotFound, bucket.StatusCode);
        Assert.Contains("NoSuchBucket", await bucket.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private async Task<JsonElement> GetJsonAsync(string path)
    {
        using var response = await _server.Http.GetAsync(path);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{path}: {(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    private static List<string> Names(JsonElement page) => [.. page.GetProperty("executions").EnumerateArray().Select(e => e.GetProperty("name").GetString()!)];
}
