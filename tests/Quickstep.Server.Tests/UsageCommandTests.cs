using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace Quickstep.Server.Tests;

public sealed class UsageCommandTests
{
    [Fact]
    public async Task QuickstepUsage_PrintsUsageJsonFromTheDatabase()
    {
        var dir = Path.Combine(Path.GetTempPath(), "qs-usage-" + Guid.NewGuid().ToString("N"));
        var db = Path.Combine(dir, "q.db");
        try
        {
            await using (var server = await QuickstepServer.StartAsync(new QuickstepServerOptions { Port = 0, DatabasePath = db }, l => l.SetMinimumLevel(LogLevel.Warning)))
            {
                using var http = new HttpClient { BaseAddress = server.BaseAddress };
                var definition = """{"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}}""";
                await InProcessServer.Call(http, "CreateStateMachine", JsonSerializer.Serialize(new { name = "metered", definition, roleArn = "arn:aws:iam::123456789012:role/r", type = "EXPRESS" }));
                for (var i = 0; i < 3; i++)
                {
                    var (status, _) = await InProcessServer.Call(http, "StartSyncExecution", """{"stateMachineArn":"arn:aws:states:us-east-1:123456789012:stateMachine:metered"}""");
                    Assert.Equal(200, status);
                }
            }

            var (code, stdout, stderr) = await ProcessRunner.RunAsync("dotnet", [Repo.CliDll, "usage", "--db", db], dir, TimeSpan.FromSeconds(30));
            Assert.True(code == 0, stderr);
            using var doc = JsonDocument.Parse(stdout);
            var m = Assert.Single(doc.RootElement.GetProperty("stateMachines").EnumerateArray());
            Assert.Equal(3, m.GetProperty("executions").GetInt64());
            var billed = m.GetProperty("billedDurationMilliseconds").GetInt64();
            Assert.True(billed >= 300 && billed % 100 == 0, $"billed {billed} ms"); // 100 ms steps; a slow machine may need more than one.
            Assert.Equal(0.000003m, m.GetProperty("requestCostUsd").GetDecimal());
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
