using System.Text.Json;

namespace Quickstep.Server.Tests;

/// <summary>At least once: async executions accepted before a SIGKILL all finish after a restart on the same database.</summary>
public sealed class CrashRecoveryTests
{
    private const string Sm = "arn:aws:states:us-east-1:123456789012:stateMachine:slow";

    [Fact]
    public async Task SigkillWithAcceptedExecutions_RestartRunsEveryOneToSucceeded()
    {
        var dir = Path.Combine(Path.GetTempPath(), "qs-crash-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        var db = Path.Combine(dir, "data", "quickstep.db");
        var arns = new List<string>();
        try
        {
            using (var first = await ServeProcess.StartAsync(db, dir))
            using (var http = new HttpClient { BaseAddress = first.BaseAddress })
            {
                var definition = """{"StartAt":"W","States":{"W":{"Type":"Wait","Seconds":3,"Next":"P"},"P":{"Type":"Pass","Result":"done","ResultPath":"$.r","End":true}}}""";
                var (status, body) = await InProcessServer.Call(http, "CreateStateMachine", JsonSerializer.Serialize(new { name = "slow", definition, roleArn = "arn:aws:iam::123456789012:role/r", type = "EXPRESS" }));
                Assert.True(status == 200, body.ToString());
                for (var i = 0; i < 6; i++)
                {
                    (status, body) = await InProcessServer.Call(http, "StartExecution", JsonSerializer.Serialize(new { stateMachineArn = Sm, name = $"e{i}", input = $"{{\"i\":{i}}}" }));
                    Assert.True(status == 200, body.ToString());
                    arns.Add(body.GetProperty("executionArn").GetString()!);
                }

                (status, body) = await InProcessServer.Call(http, "DescribeExecution", JsonSerializer.Serialize(new { executionArn = arns[0] }));
                Assert.Equal("RUNNING", body.GetProperty("status").GetString());
                first.Kill();
            }

            using var second = await ServeProcess.StartAsync(db, dir);
            using var http2 = new HttpClient { BaseAddress = second.BaseAddress };
            var deadline = DateTime.UtcNow.AddSeconds(30);
            for (var i = 0; i < arns.Count; i++)
            {
                JsonElement body;
                while (true)
                {
                    (_, body) = await InProcessServer.Call(http2, "DescribeExecution", JsonSerializer.Serialize(new { executionArn = arns[i] }));
                    if (body.GetProperty("status").GetString() != "RUNNING" || DateTime.UtcNow > deadline)
                        break;
                    await Task.Delay(100);
                }

                Assert.Equal("SUCCEEDED", body.GetProperty("status").GetString());
                Assert.Equal($"{{\"i\":{i},\"r\":\"done\"}}", body.GetProperty("output").GetString());
                var (_, history) = await InProcessServer.Call(http2, "GetExecutionHistory", JsonSerializer.Serialize(new { executionArn = arns[i] }));
                var types = history.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("type").GetString()).ToList();
                Assert.Equal(["ExecutionStarted", "WaitStateEntered", "WaitStateExited", "PassStateEntered", "PassStateExited", "ExecutionSucceeded"], types);
            }
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
