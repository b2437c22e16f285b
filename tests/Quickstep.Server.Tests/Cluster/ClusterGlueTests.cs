using System.Text.Json;
using Microsoft.Extensions.Logging;
using Quickstep.Server.Tests.Glue;
using Quickstep.Storage.Tests.Postgres;

namespace Quickstep.Server.Tests.Cluster;

/// <summary>
/// Glue on two in-process nodes sharing one PostgreSQL database, driven by sdk/cluster-glue.mjs (@aws-sdk/client-glue):
/// a job created on A runs on B and is seen through A; a long run on B counts against MaxConcurrentRuns on A,
/// survives A's restart, and BatchStopJobRun through A stops it on B.
/// </summary>
public sealed class ClusterGlueTests
{
    [Fact]
    public async Task TwoNodes_JobsAndRunsAreSeenStartedAndStoppedThroughEitherNode()
    {
        await Npm.EnsureInstalledAsync();
        var (connection, url) = await ClusterOnPostgres.CreateDatabaseAsync();
        var dir = Path.Combine(Path.GetTempPath(), "qs-cluster-glue-" + Guid.NewGuid().ToString("N"));
        var config = GlueScenario.WriteScripts(dir);
        File.WriteAllText(Path.Combine(dir, "scripts", "pause.py"), """
            import sys, time
            time.sleep(1.5)
            print("done", sys.argv[1:])
            """);
        Task<QuickstepServer> Start(string node) => QuickstepServer.StartAsync(
            new QuickstepServerOptions { Port = 0, DatabasePath = Path.Combine(dir, node, "q.db"), Store = url, NodeId = "glue-" + node, ConfigFile = config },
            logging => logging.SetMinimumLevel(LogLevel.Warning));
        QuickstepServer? a = null;
        QuickstepServer? b = null;
        try
        {
            a = await Start("a");
            b = await Start("b");
            var run = await RunAsync("run", a, b);
            Assert.Equal("short", Step(run, "createOnA").GetString());
            Assert.Equal("long", Step(run, "createOnB").GetString());
            Assert.Equal("AlreadyExistsException", run.GetProperty("duplicateOnB").GetProperty("error").GetString());
            Assert.Equal("pause.py", Step(run, "getOnB").GetString());
            Assert.Equal(["long", "short"], Step(run, "listOnA").EnumerateArray().Select(n => n.GetString()));

            var shortRun = Step(run, "shortOnA");
            Assert.Equal("SUCCEEDED", shortRun.GetProperty("state").GetString());
            var seen = shortRun.GetProperty("seen").EnumerateArray().Select(s => s.GetString()).ToList();
            Assert.Contains("RUNNING", seen);
            Assert.Equal("SUCCEEDED", seen[^1]);
            Assert.Equal("b", shortRun.GetProperty("arguments").GetProperty("--who").GetString());
            Assert.True(shortRun.GetProperty("completed").GetBoolean());
            Assert.InRange(shortRun.GetProperty("executionTime").GetInt32(), 1, 10);
            // The run's files are on the node that ran it, B.
            Assert.Empty(Directory.Exists(Path.Combine(dir, "a", "glue")) ? Directory.EnumerateFiles(Path.Combine(dir, "a", "glue"), "*", SearchOption.AllDirectories) : []);
            Assert.NotEmpty(Directory.EnumerateFiles(Path.Combine(dir, "b", "glue", "runs"), "stdout", SearchOption.AllDirectories));

            var failed = Step(run, "failOnA");
            Assert.Equal("FAILED", failed.GetProperty("state").GetString());
            Assert.Contains("ValueError: boom: bad input", failed.GetProperty("errorMessage").GetString(), StringComparison.Ordinal);

            Assert.Equal("RUNNING", Step(run, "longOnB").GetProperty("seen").EnumerateArray().Last().GetString());
            Assert.Equal("ConcurrentRunsExceededException", run.GetProperty("concurrentOnA").GetProperty("error").GetString());
            Assert.Equal(["FAILED", "SUCCEEDED"], Step(run, "runsOnA").EnumerateArray().Select(s => s.GetString()));
            var longRun = run.GetProperty("longRun").GetString()!;

            // A restarts (same node id): B's run is B's, alive, and is not failed as lost.
            await a.DisposeAsync();
            a = null;
            a = await Start("a");

            var stop = await RunAsync("stop", a, b, longRun);
            Assert.Equal("RUNNING", Step(stop, "afterRestartOnA").GetString());
            var stopped = Step(stop, "stopOnA");
            Assert.Equal([longRun], stopped.GetProperty("ok").EnumerateArray().Select(s => s.GetString()));
            Assert.Equal(["EntityNotFoundException"], stopped.GetProperty("errors").EnumerateArray().Select(s => s.GetString()));
            var final = Step(stop, "stoppedOnA");
            Assert.Equal("STOPPED", final.GetProperty("state").GetString());
            Assert.True(final.GetProperty("completed").GetBoolean());
            Assert.Equal("STOPPED", Step(stop, "stoppedOnB").GetString());
            Assert.Equal(["InvalidInputException"], Step(stop, "stopAgainOnB").EnumerateArray().Select(s => s.GetString()));
            Assert.Equal("short", Step(stop, "deleteOnA").GetString());
            Assert.Equal("EntityNotFoundException", stop.GetProperty("getDeletedOnB").GetProperty("error").GetString());
        }
        finally
        {
            if (a is not null)
                await a.DisposeAsync();
            if (b is not null)
                await b.DisposeAsync();
            try
            {
                Directory.Delete(dir, recursive: true);
            }
            catch (IOException)
            {
                // Best effort.
            }
        }
    }

    private static async Task<JsonElement> RunAsync(string phase, QuickstepServer a, QuickstepServer b, params string[] more)
    {
        var (code, stdout, stderr) = await ProcessRunner.RunAsync("node", ["cluster-glue.mjs", phase, a.BaseAddress.ToString().TrimEnd('/'), b.BaseAddress.ToString().TrimEnd('/'), .. more],
            Repo.SdkDirectory, TimeSpan.FromSeconds(60));
        Assert.True(code == 0, $"node cluster-glue.mjs {phase} failed ({code}): {stderr}");
        return JsonDocument.Parse(stdout).RootElement.Clone();
    }

    private static JsonElement Step(JsonElement result, string name)
    {
        var step = result.GetProperty(name);
        Assert.False(step.ValueKind == JsonValueKind.Object && step.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.String, $"{name} failed: {step}");
        return step;
    }
}
