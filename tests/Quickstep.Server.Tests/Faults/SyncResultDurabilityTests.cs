using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace Quickstep.Server.Tests.Faults;

/// <summary>
/// Issue 18, defect 3: a StartSyncExecution answered 200 is committed before the answer, so a SIGKILL right after
/// answers loses none of them, and usage meters exactly the executions that are stored as finished.
/// </summary>
public sealed class SyncResultDurabilityTests
{
    private const string Sm = "arn:aws:states:us-east-1:123456789012:stateMachine:fast";

    [Fact]
    public async Task SigkillRightAfterAnswers_EveryAnsweredResultIsStoredAndMetered()
    {
        using var scratch = new FaultScratch();
        var answered = new ConcurrentDictionary<string, string>(StringComparer.Ordinal);
        using (var first = await ServeProcess.StartAsync(scratch.Db, scratch.Dir))
        {
            var definition = """{"StartAt":"P","States":{"P":{"Type":"Pass","Parameters":{"n.$":"$.n","done":true},"End":true}}}""";
            var (status, body) = await InProcessServer.Call(first.Http, "CreateStateMachine", JsonSerializer.Serialize(new { name = "fast", definition, roleArn = "arn:aws:iam::123456789012:role/r", type = "EXPRESS" }));
            Assert.True(status == 200, body.ToString());
            using var stop = new CancellationTokenSource();
            var workers = Enumerable.Range(0, 16).Select(w => Task.Run(async () =>
            {
                for (var i = 0; !stop.IsCancellationRequested; i++)
                {
                    try
                    {
                        var (s, b) = await InProcessServer.Call(first.Http, "StartSyncExecution", JsonSerializer.Serialize(new { stateMachineArn = Sm, input = $"{{\"n\":{(w * 1_000_000) + i}}}" }));
                        if (s == 200 && b.GetProperty("status").GetString() == "SUCCEEDED")
                            answered[b.GetProperty("executionArn").GetString()!] = b.GetProperty("output").GetString()!;
                    }
                    catch (Exception e) when (e is HttpRequestException or TaskCanceledException or JsonException)
                    {
                        return; // the process is gone
                    }
                }
            })).ToArray();
            var deadline = DateTime.UtcNow.AddSeconds(60);
            while (answered.Count < 600 && DateTime.UtcNow < deadline)
                await Task.Delay(5);
            // Killed while answers are still being written: the answers already sent must all be durable.
            first.Kill();
            await stop.CancelAsync();
            await Task.WhenAll(workers);
        }

        Assert.True(answered.Count >= 600, $"only {answered.Count} answers before the deadline");
        Assert.Equal("ok", FaultScratch.IntegrityCheck(scratch.Db));
        var finished = Count(scratch.Db, "SELECT COUNT(*) FROM executions WHERE status='SUCCEEDED'");

        using var second = await ServeProcess.StartAsync(scratch.Db, scratch.Dir);
        var missing = new List<string>();
        foreach (var (arn, output) in answered)
        {
            var (_, described) = await InProcessServer.Call(second.Http, "DescribeExecution", JsonSerializer.Serialize(new { executionArn = arn }));
            if (!described.TryGetProperty("status", out var st) || st.GetString() != "SUCCEEDED" || described.GetProperty("output").GetString() != output)
                missing.Add(arn);
        }

        Assert.True(missing.Count == 0, $"{missing.Count} of {answered.Count} answered sync results are gone or changed after SIGKILL, e.g. {missing.FirstOrDefault()}");
        // Usage is metered in the same commit as the final record: it counts exactly the stored finished executions.
        var usage = JsonDocument.Parse(await second.Http.GetStringAsync("/quickstep/usage")).RootElement;
        Assert.Equal(finished, usage.GetProperty("total").GetProperty("executions").GetInt64());
        Assert.True(finished >= answered.Count);
    }

    private static long Count(string db, string sql)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = db, Pooling = false }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (long)command.ExecuteScalar()!;
    }
}
