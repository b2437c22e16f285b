using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Quickstep.Integrations.Functions;
using Quickstep.Json;

namespace Quickstep.Server.Tests;

/// <summary>How the server wires the engine: context object ids, Lambda functions, the retention job's clock.</summary>
public sealed class ServerWiringTests
{
    private const string Sm = "arn:aws:states:us-east-1:123456789012:stateMachine:";

    private static async Task<T> WithServerAsync<T>(QuickstepServerOptions options, Func<QuickstepServer, HttpClient, Task<T>> body)
    {
        var dir = Path.Combine(Path.GetTempPath(), "qs-wiring-" + Guid.NewGuid().ToString("N"));
        try
        {
            await using var server = await QuickstepServer.StartAsync(
                new QuickstepServerOptions
                {
                    Port = 0,
                    DatabasePath = Path.Combine(dir, "q.db"),
                    TimeProvider = options.TimeProvider,
                    ResourceHandlers = options.ResourceHandlers,
                    Retention = options.Retention,
                    RetentionInterval = options.RetentionInterval,
                },
                l => l.SetMinimumLevel(LogLevel.Warning));
            using var http = new HttpClient { BaseAddress = server.BaseAddress };
            return await body(server, http);
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

    private static async Task CreateAsync(HttpClient http, string name, string definition)
    {
        var (status, body) = await InProcessServer.Call(http, "CreateStateMachine", JsonSerializer.Serialize(new { name, definition, roleArn = "arn:aws:iam::123456789012:role/r", type = "EXPRESS" }));
        Assert.True(status == 200, body.ToString());
    }

    [Fact]
    public Task ContextObject_ExecutionId_IsTheArnTheApiReturned() => WithServerAsync(new QuickstepServerOptions(), async (server, http) =>
    {
        await CreateAsync(http, "ctx", """{"StartAt":"P","States":{"P":{"Type":"Pass","Parameters":{"id.$":"$$.Execution.Id","name.$":"$$.Execution.Name","sm.$":"$$.StateMachine.Id"},"End":true}}}""");
        var (_, sync) = await InProcessServer.Call(http, "StartSyncExecution", $$"""{"stateMachineArn":"{{Sm}}ctx","name":"c1"}""");
        using var output = JsonDocument.Parse(sync.GetProperty("output").GetString()!);
        Assert.Equal(sync.GetProperty("executionArn").GetString(), output.RootElement.GetProperty("id").GetString());
        Assert.Equal("c1", output.RootElement.GetProperty("name").GetString());
        Assert.Equal(Sm + "ctx", output.RootElement.GetProperty("sm").GetString());

        var (_, started) = await InProcessServer.Call(http, "StartExecution", $$"""{"stateMachineArn":"{{Sm}}ctx"}""");
        var arn = started.GetProperty("executionArn").GetString()!;
        JsonElement described;
        do
        {
            await Task.Delay(20);
            (_, described) = await InProcessServer.Call(http, "DescribeExecution", JsonSerializer.Serialize(new { executionArn = arn }));
        }
        while (described.GetProperty("status").GetString() == "RUNNING");
        using var asyncOutput = JsonDocument.Parse(described.GetProperty("output").GetString()!);
        Assert.Equal(arn, asyncOutput.RootElement.GetProperty("id").GetString());
        return true;
    });

    [Fact]
    public async Task SyncExecution_WrittenBehind_IsReadableAtOnceAndSurvivesShutdown()
    {
        var dir = Path.Combine(Path.GetTempPath(), "qs-behind-" + Guid.NewGuid().ToString("N"));
        var options = new QuickstepServerOptions { Port = 0, DatabasePath = Path.Combine(dir, "q.db") };
        try
        {
            var arns = new List<string>();
            await using (var server = await QuickstepServer.StartAsync(options, l => l.SetMinimumLevel(LogLevel.Warning)))
            {
                using var http = new HttpClient { BaseAddress = server.BaseAddress };
                await CreateAsync(http, "wb", """{"StartAt":"A","States":{"A":{"Type":"Pass","Next":"B"},"B":{"Type":"Pass","End":true}}}""");
                for (var i = 0; i < 20; i++)
                {
                    // The response does not wait for the store; the very next read must still see the final record.
                    var (status, sync) = await InProcessServer.Call(http, "StartSyncExecution", JsonSerializer.Serialize(new { stateMachineArn = Sm + "wb", input = $$"""{"i":{{i}}}""" }));
                    Assert.True(status == 200, sync.ToString());
                    var arn = sync.GetProperty("executionArn").GetString()!;
                    arns.Add(arn);
                    var (_, described) = await InProcessServer.Call(http, "DescribeExecution", JsonSerializer.Serialize(new { executionArn = arn }));
                    Assert.Equal("SUCCEEDED", described.GetProperty("status").GetString());
                    Assert.Equal($$"""{"i":{{i}}}""", described.GetProperty("output").GetString());
                    var (_, history) = await InProcessServer.Call(http, "GetExecutionHistory", JsonSerializer.Serialize(new { executionArn = arn }));
                    Assert.Equal("ExecutionSucceeded", history.GetProperty("events").EnumerateArray().Last().GetProperty("type").GetString());
                }

                // Fire a burst and stop the server without reading: shutdown must commit what is queued.
                for (var i = 0; i < 20; i++)
                {
                    var (_, sync) = await InProcessServer.Call(http, "StartSyncExecution", $$"""{"stateMachineArn":"{{Sm}}wb"}""");
                    arns.Add(sync.GetProperty("executionArn").GetString()!);
                }
            }

            await using (var store = new Quickstep.Storage.Sqlite.SqliteStore(new Quickstep.Storage.Sqlite.SqliteStoreOptions { Path = options.DatabasePath }))
            {
                await store.InitializeAsync();
                foreach (var arn in arns)
                {
                    Assert.Equal(Quickstep.Engine.ExecutionStatus.Succeeded, (await store.GetExecutionAsync(arn))?.Status);
                    Assert.NotEmpty(await store.GetHistoryAsync(arn));
                }

                Assert.Equal(arns.Count, Assert.Single(await store.GetUsageAsync()).Executions);
            }
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
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

    [Fact]
    public Task LambdaFunctions_FromTheRegistry_AnswerTaskStates()
    {
        var registry = new LambdaFunctionRegistry();
        registry.Register("echo", input => new JObjectBuilder().AddUnique("got", input).Build());
        var options = new QuickstepServerOptions { ResourceHandlers = [new LambdaResourceHandler(registry)] };
        return WithServerAsync(options, async (_, http) =>
        {
            await CreateAsync(http, "lam", """{"StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","Parameters":{"FunctionName":"echo","Payload.$":"$"},"OutputPath":"$.Payload","End":true}}}""");
            var (_, sync) = await InProcessServer.Call(http, "StartSyncExecution", $$"""{"stateMachineArn":"{{Sm}}lam","input":"{\"x\":1}"}""");
            Assert.Equal("SUCCEEDED", sync.GetProperty("status").GetString());
            Assert.Equal("{\"got\":{\"x\":1}}", sync.GetProperty("output").GetString());
            var (_, history) = await InProcessServer.Call(http, "GetExecutionHistory", JsonSerializer.Serialize(new { executionArn = sync.GetProperty("executionArn").GetString() }));
            Assert.Contains(history.GetProperty("events").EnumerateArray(), e => e.GetProperty("type").GetString() == "TaskSucceeded");
            return true;
        });
    }

    [Fact]
    public Task Retention_OnTheInjectedClock_PurgesOldExecutions()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var options = new QuickstepServerOptions { TimeProvider = clock, Retention = TimeSpan.FromDays(90), RetentionInterval = TimeSpan.FromHours(1) };
        return WithServerAsync(options, async (_, http) =>
        {
            await CreateAsync(http, "old", """{"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}}""");
            var (_, sync) = await InProcessServer.Call(http, "StartSyncExecution", $$"""{"stateMachineArn":"{{Sm}}old"}""");
            var arn = JsonSerializer.Serialize(new { executionArn = sync.GetProperty("executionArn").GetString() });

            clock.Advance(TimeSpan.FromDays(89));
            await Task.Delay(200);
            var (status, _) = await InProcessServer.Call(http, "DescribeExecution", arn);
            Assert.Equal(200, status);

            clock.Advance(TimeSpan.FromDays(2));
            JsonElement body = default;
            for (var i = 0; i < 100 && status == 200; i++)
            {
                await Task.Delay(50);
                (status, body) = await InProcessServer.Call(http, "DescribeExecution", arn);
            }

            Assert.Equal("ExecutionDoesNotExist", body.GetProperty("__type").GetString());
            var usage = await http.GetStringAsync("/quickstep/usage");
            Assert.Contains("\"executions\":1", usage, StringComparison.Ordinal); // metering survives the purge
            return true;
        });
    }
}
