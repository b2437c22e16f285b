using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace Quickstep.Server.Tests.Glue;

/// <summary>Jobs and runs survive a restart; a run whose process went away with the server is FAILED with a clear message.</summary>
public sealed class GlueRestartTests : IAsyncLifetime
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "qs-glue-restart-" + Guid.NewGuid().ToString("N"));
    private string _config = null!;

    public Task InitializeAsync()
    {
        _config = GlueScenario.WriteScripts(_dir);
        return Task.CompletedTask;
    }

    public Task DisposeAsync()
    {
        try
        {
            Directory.Delete(_dir, recursive: true);
        }
        catch (IOException)
        {
            // Best effort.
        }

        return Task.CompletedTask;
    }

    [Fact]
    public async Task Restart_RunWhoseProcessWasLost_IsFailedAndTheJobRunsAgain()
    {
        string runId;
        int pid;
        await using (var first = await StartAsync())
        {
            using var http = new HttpClient { BaseAddress = first.BaseAddress };
            await CallAsync(http, "CreateJob", """{"Name":"sleeper","Role":"r","Command":{"Name":"pythonshell","ScriptLocation":"sleep.py"}}""");
            await CallAsync(http, "CreateJob", """{"Name":"quick","Role":"r","Command":{"Name":"pythonshell","ScriptLocation":"ok.py"}}""");
            runId = (await CallAsync(http, "StartJobRun", """{"JobName":"sleeper"}""")).GetProperty("JobRunId").GetString()!;
            await WaitForAsync(http, "sleeper", runId, s => s == "RUNNING");
            // The script prints once it runs: wait for it, so that the process really was running when the server went away.
            var stdout = Path.Combine(_dir, "data", "glue", "runs", runId, "stdout");
            for (var i = 0; i < 200 && !(File.Exists(stdout) && File.ReadAllText(stdout).Contains("sleeping", StringComparison.Ordinal)); i++)
                await Task.Delay(TimeSpan.FromMilliseconds(50), TimeProvider.System);
            var printed = (await File.ReadAllTextAsync(stdout)).Split(' ', StringSplitOptions.TrimEntries);
            Assert.Equal("sleeping", printed[0]);
            pid = int.Parse(printed[1], System.Globalization.CultureInfo.InvariantCulture);
        }

        // Stopping the server ended the run's process.
        Assert.False(IsAlive(pid), $"process {pid} of run {runId} outlived the server");

        await using var second = await StartAsync();
        using var http2 = new HttpClient { BaseAddress = second.BaseAddress };
        var run = (await CallAsync(http2, "GetJobRun", $$"""{"JobName":"sleeper","RunId":"{{runId}}"}""")).GetProperty("JobRun");
        Assert.Equal("FAILED", run.GetProperty("JobRunState").GetString());
        Assert.Equal("The job run's process was lost: the Quickstep server stopped while the run was RUNNING, so its outcome is unknown.", run.GetProperty("ErrorMessage").GetString());
        Assert.True(run.GetProperty("CompletedOn").GetDouble() >= run.GetProperty("StartedOn").GetDouble());

        // The lost run no longer counts against MaxConcurrentRuns (1): the job starts again, and the other job still runs.
        var again = (await CallAsync(http2, "StartJobRun", """{"JobName":"sleeper"}""")).GetProperty("JobRunId").GetString()!;
        Assert.Equal("RUNNING", await WaitForAsync(http2, "sleeper", again, s => s == "RUNNING"));
        var quick = (await CallAsync(http2, "StartJobRun", """{"JobName":"quick"}""")).GetProperty("JobRunId").GetString()!;
        Assert.Equal("SUCCEEDED", await WaitForAsync(http2, "quick", quick, s => s is "SUCCEEDED" or "FAILED" or "ERROR"));
        var runs = (await CallAsync(http2, "GetJobRuns", """{"JobName":"sleeper"}""")).GetProperty("JobRuns");
        Assert.Equal([again, runId], runs.EnumerateArray().Select(r => r.GetProperty("Id").GetString()!).ToArray());
    }

    private static bool IsAlive(int pid)
    {
        try
        {
            using var p = System.Diagnostics.Process.GetProcessById(pid);
            return !p.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private Task<QuickstepServer> StartAsync() =>
        QuickstepServer.StartAsync(
            new QuickstepServerOptions { Port = 0, DatabasePath = Path.Combine(_dir, "data", "q.db"), ConfigFile = _config },
            logging => logging.SetMinimumLevel(LogLevel.Warning));

    private static async Task<string> WaitForAsync(HttpClient http, string job, string runId, Func<string, bool> done)
    {
        for (var i = 0; i < 400; i++)
        {
            var state = (await CallAsync(http, "GetJobRun", $$"""{"JobName":"{{job}}","RunId":"{{runId}}"}""")).GetProperty("JobRun").GetProperty("JobRunState").GetString()!;
            if (done(state))
                return state;
            await Task.Delay(TimeSpan.FromMilliseconds(50), TimeProvider.System);
        }

        throw new TimeoutException($"run {runId} of {job} did not reach the expected state");
    }

    /// <summary>One Glue API call on the AWS JSON 1.1 protocol; asserts it succeeded.</summary>
    internal static async Task<JsonElement> CallAsync(HttpClient http, string operation, string json)
    {
        using var content = new StringContent(json, Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/x-amz-json-1.1");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/") { Content = content };
        request.Headers.Add("X-Amz-Target", "AWSGlue." + operation);
        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{operation}: {(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }
}
