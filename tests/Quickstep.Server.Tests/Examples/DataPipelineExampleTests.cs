using System.Text.Json;

namespace Quickstep.Server.Tests.Examples;

/// <summary>
/// Runs examples/data-pipeline/run.sh, the command its README gives, as a user would (a real server, the example's HTTP
/// API, a python3 Glue job, the Node Lambda handler), with this build's quickstep.dll: the example cannot rot.
/// </summary>
public sealed class DataPipelineExampleTests
{
    private static readonly string Script = Path.Combine(Repo.Root, "examples", "data-pipeline", "run.sh");

    private static async Task<(int Code, string Stdout, string Stderr)> RunAsync(params string[] args)
    {
        Environment.SetEnvironmentVariable("QUICKSTEP_DLL", Repo.CliDll);
        return await ProcessRunner.RunAsync("bash", [Script, .. args], Repo.Root, TimeSpan.FromMinutes(4));
    }

    [Fact]
    public async Task RunSh_RunsTheJob_PollsIt_CallsTheApiAndTheNodeHandler_AndPrintsTheOutput()
    {
        var (code, stdout, stderr) = await RunAsync();

        Assert.True(code == 0, $"run.sh failed ({code}): {stdout}\n{stderr}");
        var output = JsonDocument.Parse(stdout).RootElement;
        Assert.Equal("b-2026-12-05", output.GetProperty("batchId").GetString());
        Assert.Equal("SUCCEEDED", output.GetProperty("jobRunState").GetString());
        Assert.Equal("high", output.GetProperty("risk").GetString());
        Assert.Equal("batch b-2026-12-05: job succeeded, risk high", output.GetProperty("summary").GetString());
        Assert.Equal("summarize", output.GetProperty("summarizedBy").GetString());
    }

    [Fact]
    public async Task RunSh_WithABatchTheJobRejects_TakesTheChoicesFailedBranch()
    {
        var (code, stdout, stderr) = await RunAsync(Path.Combine(Repo.Root, "examples", "data-pipeline", "no-paid-orders.json"));

        Assert.True(code == 1, $"run.sh should fail ({code}): {stdout}\n{stderr}");
        var output = JsonDocument.Parse(stdout).RootElement;
        Assert.Equal("FAILED", output.GetProperty("status").GetString());
        Assert.Equal("Pipeline.JobFailed", output.GetProperty("error").GetString());
    }
}
