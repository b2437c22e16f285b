using System.Diagnostics;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace Quickstep.Server.Tests.Faults;

/// <summary>
/// Another process holds the store's SQLite database locked (a second connection in an exclusive transaction):
/// writes are refused within the busy timeout with 503 ServiceUnavailable in the service's shape (nothing of them
/// applied), and everything works again once the lock is released.
/// </summary>
public sealed class LockedDatabaseTests
{
    private const string Sm = "arn:aws:states:us-east-1:123456789012:stateMachine:";

    [Fact]
    public async Task LockedDatabase_WritesAreRefusedAsServiceUnavailableWithinSeconds_NothingHalfApplied_AndAllRecovers()
    {
        using var scratch = new FaultScratch();
        var server = await QuickstepServer.StartAsync(new QuickstepServerOptions { Port = 0, DatabasePath = scratch.Db }, logging => logging.SetMinimumLevel(LogLevel.Critical));
        var http = new HttpClient { BaseAddress = server.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        await KillAndTermTests.CreateAsync(http, "echo", """{"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}}""");
        var url = (await KillAndTermTests.SqsAsync(http, "CreateQueue", """{"QueueName":"locked"}""")).GetProperty("QueueUrl").GetString()!;
        // Received before the lock and deleted while it is held: the deletion is accepted (written behind) and must outlive a restart.
        await KillAndTermTests.SqsAsync(http, "SendMessage", JsonSerializer.Serialize(new { QueueUrl = url, MessageBody = "deleted" }));
        var receipt = (await KillAndTermTests.SqsAsync(http, "ReceiveMessage", JsonSerializer.Serialize(new { QueueUrl = url, VisibilityTimeout = 0 })))
            .GetProperty("Messages")[0].GetProperty("ReceiptHandle").GetString()!;

        var refused = new List<(string Service, int Status, JsonElement Body)>();
        using (var locker = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = scratch.Db, Pooling = false }.ToString()))
        {
            locker.Open();
            using (var begin = locker.CreateCommand())
            {
                begin.CommandText = "BEGIN EXCLUSIVE;";
                begin.ExecuteNonQuery();
            }

            var clock = Stopwatch.StartNew();
            var (deleteStatus, deleteBody) = await KillAndTermTests.SqsCallAsync(http, "DeleteMessage", JsonSerializer.Serialize(new { QueueUrl = url, ReceiptHandle = receipt }));
            Assert.True(deleteStatus == 200, deleteBody.ToString());
            var calls = new List<Task<(string, int, JsonElement)>>();
            for (var i = 0; i < 3; i++)
            {
                var n = i;
                calls.Add(Sfn("StartExecution", new { stateMachineArn = Sm + "echo", name = $"async{n}" }));
                calls.Add(Sfn("StartSyncExecution", new { stateMachineArn = Sm + "echo", name = $"sync{n}" }));
                calls.Add(Sqs("SendMessage", new { QueueUrl = url, MessageBody = $"locked{n}" }));
            }

            calls.Add(Sfn("CreateStateMachine", new { name = "later", definition = """{"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}}""", roleArn = "arn:aws:iam::123456789012:role/r", type = "EXPRESS" }));
            refused.AddRange(await Task.WhenAll(calls));
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"the refusals took {clock.Elapsed}");
            using var rollback = locker.CreateCommand();
            rollback.CommandText = "ROLLBACK;";
            rollback.ExecuteNonQuery();
        }

        foreach (var (service, status, body) in refused)
        {
            Assert.True(status == 503, $"{service}: {status} {body}");
            var type = body.GetProperty("__type").GetString()!;
            Assert.Equal("ServiceUnavailable", type[(type.IndexOf('#', StringComparison.Ordinal) + 1)..]);
            var message = body.GetProperty("message").GetString()!;
            Assert.Contains("locked by another process", message, StringComparison.Ordinal);
            Assert.DoesNotContain("Exception", message, StringComparison.Ordinal);
        }

        // Nothing refused was applied: the refused names are free, no execution is left RUNNING, no refused message is queued.
        var recovered = Stopwatch.StartNew();
        for (var i = 0; i < 3; i++)
        {
            var (_, asyncStatus, asyncBody) = await Sfn("StartExecution", new { stateMachineArn = Sm + "echo", name = $"async{i}" });
            Assert.True(asyncStatus == 200, asyncBody.ToString());
            var (_, syncStatus, syncBody) = await Sfn("StartSyncExecution", new { stateMachineArn = Sm + "echo", name = $"sync{i}", input = "{\"again\":true}" });
            Assert.True(syncStatus == 200, syncBody.ToString());
            Assert.Equal("SUCCEEDED", syncBody.GetProperty("status").GetString());
            await KillAndTermTests.SqsAsync(http, "SendMessage", JsonSerializer.Serialize(new { QueueUrl = url, MessageBody = $"after{i}" }));
        }

        Assert.True(recovered.Elapsed < TimeSpan.FromSeconds(15), $"recovery took {recovered.Elapsed}");
        var (_, created, _) = await Sfn("CreateStateMachine", new { name = "later", definition = """{"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}}""", roleArn = "arn:aws:iam::123456789012:role/r", type = "EXPRESS" });
        Assert.Equal(200, created);
        var (_, _, running) = await Sfn("ListExecutions", new { stateMachineArn = Sm + "echo", statusFilter = "RUNNING" });
        foreach (var e in running.GetProperty("executions").EnumerateArray())
            Assert.StartsWith("async", e.GetProperty("name").GetString(), StringComparison.Ordinal); // the three just started may still run
        // Restarted: the deletion accepted during the lock was committed after it; the refused sends never were.
        http.Dispose();
        await server.DisposeAsync();
        server = await QuickstepServer.StartAsync(new QuickstepServerOptions { Port = 0, DatabasePath = scratch.Db }, logging => logging.SetMinimumLevel(LogLevel.Critical));
        http = new HttpClient { BaseAddress = server.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        url = server.BaseAddress.ToString().TrimEnd('/') + "/123456789012/locked";
        var bodies = new List<string>();
        for (var round = 0; round < 5; round++)
        {
            var r = await KillAndTermTests.SqsAsync(http, "ReceiveMessage", JsonSerializer.Serialize(new { QueueUrl = url, MaxNumberOfMessages = 10 }));
            if (r.TryGetProperty("Messages", out var messages))
                bodies.AddRange(messages.EnumerateArray().Select(m => m.GetProperty("Body").GetString()!));
        }

        Assert.Equal(["after0", "after1", "after2"], bodies.Order(StringComparer.Ordinal));
        http.Dispose();
        await server.DisposeAsync();
        Assert.Equal("ok", FaultScratch.IntegrityCheck(scratch.Db));
        Assert.Empty(FaultScratch.InvariantViolations(scratch.Db));

        async Task<(string, int, JsonElement)> Sfn(string operation, object body)
        {
            var (status, json) = await InProcessServer.Call(http, operation, JsonSerializer.Serialize(body));
            return (operation, status, json);
        }

        async Task<(string, int, JsonElement)> Sqs(string operation, object body)
        {
            var (status, json) = await KillAndTermTests.SqsCallAsync(http, operation, JsonSerializer.Serialize(body));
            return ("SQS " + operation, status, json);
        }
    }
}
