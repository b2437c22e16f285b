using System.Text.Json;

namespace Quickstep.Server.Tests;

/// <summary>
/// Poison detection (issue 18): an asynchronous execution whose runs keep ending the process (here: SIGKILL while
/// it runs) is run again after at most 3 restarts, then ends FAILED with States.Runtime instead of a crash loop.
/// </summary>
public sealed class PoisonExecutionTests
{
    private const string Sm = "arn:aws:states:us-east-1:123456789012:stateMachine:poison";

    [Fact]
    public async Task KilledEveryTimeItRuns_AfterThreeReRuns_EndsFailed()
    {
        var dir = Path.Combine(Path.GetTempPath(), "qs-poison-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        var db = Path.Combine(dir, "data", "quickstep.db");
        try
        {
            string arn;
            using (var first = await ServeProcess.StartAsync(db, dir))
            using (var http = new HttpClient { BaseAddress = first.BaseAddress })
            {
                var definition = """{"StartAt":"W","States":{"W":{"Type":"Wait","Seconds":120,"End":true}}}""";
                var (status, body) = await InProcessServer.Call(http, "CreateStateMachine", JsonSerializer.Serialize(new { name = "poison", definition, roleArn = "arn:aws:iam::123456789012:role/r", type = "EXPRESS" }));
                Assert.True(status == 200, body.ToString());
                (status, body) = await InProcessServer.Call(http, "StartExecution", JsonSerializer.Serialize(new { stateMachineArn = Sm, name = "p", input = "{}" }));
                Assert.True(status == 200, body.ToString());
                arn = body.GetProperty("executionArn").GetString()!;
                var quick = """{"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}}""";
                (status, body) = await InProcessServer.Call(http, "CreateStateMachine", JsonSerializer.Serialize(new { name = "quick", definition = quick, roleArn = "arn:aws:iam::123456789012:role/r", type = "EXPRESS" }));
                Assert.True(status == 200, body.ToString());
                await Task.Delay(500);
                first.Kill();
            }

            // Three restarts run it again (each killed while it waits); the fourth finds it interrupted three times.
            for (var restart = 1; restart <= 3; restart++)
            {
                using var again = await ServeProcess.StartAsync(db, dir);
                using var http = new HttpClient { BaseAddress = again.BaseAddress };
                await Task.Delay(1500);
                var (_, body) = await InProcessServer.Call(http, "DescribeExecution", JsonSerializer.Serialize(new { executionArn = arn }));
                Assert.Equal("RUNNING", body.GetProperty("status").GetString());
                again.Kill();
            }

            using var last = await ServeProcess.StartAsync(db, dir);
            using var http4 = new HttpClient { BaseAddress = last.BaseAddress };
            var deadline = DateTime.UtcNow.AddSeconds(20);
            JsonElement described;
            while (true)
            {
                (_, described) = await InProcessServer.Call(http4, "DescribeExecution", JsonSerializer.Serialize(new { executionArn = arn }));
                if (described.GetProperty("status").GetString() != "RUNNING" || DateTime.UtcNow > deadline)
                    break;
                await Task.Delay(100);
            }

            Assert.Equal("FAILED", described.GetProperty("status").GetString());
            Assert.Equal("States.Runtime", described.GetProperty("error").GetString());
            Assert.Contains("stopped after 3 interrupted attempts", described.GetProperty("cause").GetString(), StringComparison.Ordinal);

            // The server keeps serving: a new execution runs to its end.
            var (status2, started) = await InProcessServer.Call(http4, "StartSyncExecution", JsonSerializer.Serialize(new { stateMachineArn = "arn:aws:states:us-east-1:123456789012:stateMachine:quick", input = "{\"ok\":1}" }));
            Assert.True(status2 == 200, started.ToString());
            Assert.Equal("SUCCEEDED", started.GetProperty("status").GetString());
        }
        finally
        {
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
}
