using Microsoft.Extensions.Time.Testing;
using Quickstep.Json;
using Quickstep.Services.Glue;

namespace Quickstep.Services.Tests.Glue;

/// <summary>A run's times and its timeout come from the injected clock, while its process is real.</summary>
public sealed class GlueServiceTests : IAsyncLifetime
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "qs-glue-svc-" + Guid.NewGuid().ToString("N"));
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 4, 10, 0, 0, TimeSpan.Zero));
    private GlueService _glue = null!;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_dir);
        await File.WriteAllTextAsync(Path.Combine(_dir, "sleep.py"), "import time\nprint('sleeping', flush=True)\ntime.sleep(120)\n");
        _glue = await GlueService.CreateAsync(new GlueServiceOptions { TimeProvider = _time, ScriptRoots = [_dir], RunsDirectory = Path.Combine(_dir, "runs") });
    }

    public async Task DisposeAsync()
    {
        await _glue.DisposeAsync();
        Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public async Task Timeout_IsMeasuredOnTheInjectedClock()
    {
        await CallAsync("CreateJob", """{"Name":"sleeper","Role":"r","Command":{"Name":"pythonshell","ScriptLocation":"sleep.py"},"Timeout":2}""");
        var id = ((JString)(await CallAsync("StartJobRun", """{"JobName":"sleeper"}"""))["JobRunId"]!).Value;
        Assert.Equal("RUNNING", await WaitForAsync("sleeper", id, s => s == "RUNNING"));
        var stdout = Path.Combine(_dir, "runs", id, "stdout");
        for (var i = 0; i < 200 && !(File.Exists(stdout) && (await File.ReadAllTextAsync(stdout)).Contains("sleeping", StringComparison.Ordinal)); i++)
            await Task.Delay(TimeSpan.FromMilliseconds(25), TimeProvider.System);

        // 90 of the 120 seconds: the process keeps running.
        _time.Advance(TimeSpan.FromSeconds(90));
        await Task.Delay(TimeSpan.FromMilliseconds(300), TimeProvider.System);
        Assert.Equal("RUNNING", await StateAsync("sleeper", id));

        _time.Advance(TimeSpan.FromSeconds(31));
        Assert.Equal("TIMEOUT", await WaitForAsync("sleeper", id, s => s != "RUNNING"));
        var run = (JObject)(await CallAsync("GetJobRun", $$"""{"JobName":"sleeper","RunId":"{{id}}"}"""))["JobRun"]!;
        Assert.Equal(_time.Start.ToUnixTimeSeconds(), ((JNumber)run["StartedOn"]!).Value);
        Assert.Equal(_time.Start.AddSeconds(121).ToUnixTimeSeconds(), ((JNumber)run["CompletedOn"]!).Value);
        Assert.Equal(121, ((JNumber)run["ExecutionTime"]!).Value);
        Assert.Equal("Job run timed out after 2 minutes (the job's Timeout).", ((JString)run["ErrorMessage"]!).Value);
    }

    [Fact]
    public async Task Argv_MergesDefaultsRunArgumentsAndNonOverridableOnes()
    {
        await File.WriteAllTextAsync(Path.Combine(_dir, "argv.py"), "import json, sys\nprint(json.dumps(sys.argv[1:]))\n");
        await CallAsync("CreateJob", """
            {"Name":"j","Role":"r","Command":{"Name":"pythonshell","ScriptLocation":"argv.py"},
             "DefaultArguments":{"--a":"1","--b":"2","--JOB_NAME":"spoof"},"NonOverridableArguments":{"--b":"locked"}}
            """);
        var id = ((JString)(await CallAsync("StartJobRun", """{"JobName":"j","Arguments":{"--a":"run","--c":"3","--b":"tried"}}"""))["JobRunId"]!).Value;
        Assert.Equal("SUCCEEDED", await WaitForAsync("j", id, s => s is "SUCCEEDED" or "FAILED" or "ERROR"));
        var argv = JsonText.Parse(await File.ReadAllTextAsync(Path.Combine(_dir, "runs", id, "stdout")));
        Assert.Equal(
            $$"""["--a","run","--b","locked","--c","3","--JOB_ID","j_{{id[3..]}}","--JOB_RUN_ID","{{id}}","--JOB_NAME","j"]""",
            JsonText.Serialize(argv));
    }

    private async Task<JObject> CallAsync(string operation, string json) => (JObject)await _glue.InvokeAsync(operation, (JObject)JsonText.Parse(json));

    private async Task<string> StateAsync(string job, string id) =>
        ((JString)((JObject)(await CallAsync("GetJobRun", $$"""{"JobName":"{{job}}","RunId":"{{id}}"}"""))["JobRun"]!)["JobRunState"]!).Value;

    private async Task<string> WaitForAsync(string job, string id, Func<string, bool> done)
    {
        for (var i = 0; i < 400; i++)
        {
            var state = await StateAsync(job, id);
            if (done(state))
                return state;
            await Task.Delay(TimeSpan.FromMilliseconds(25), TimeProvider.System);
        }

        throw new TimeoutException("run " + id + " did not reach the expected state");
    }
}
