using System.Text.Json;
using Microsoft.Extensions.Logging;
using Npgsql;
using Quickstep.Json;
using Quickstep.Storage.Tests.Postgres;

namespace Quickstep.Server.Tests.Cluster;

/// <summary>`quickstep usage --store URL` and `quickstep triggers --store URL` read what a node on PostgreSQL stored, in the SQLite commands' format.</summary>
public sealed class ClusterCliTests
{
    [Fact]
    public async Task UsageAndTriggers_WithStore_ReadThePostgresDatabase()
    {
        var (connection, url) = await ClusterOnPostgres.CreateDatabaseAsync();
        var cs = new NpgsqlConnectionStringBuilder(connection);
        var dir = Path.Combine(Path.GetTempPath(), "qs-cluster-cli-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try
        {
            // Before any node served it, the database has nothing to report.
            var (emptyCode, emptyOut, emptyErr) = await ProcessRunner.RunAsync("dotnet", [Repo.CliDll, "usage", "--store", url], dir, TimeSpan.FromSeconds(60));
            Assert.Equal(2, emptyCode);
            Assert.Equal("", emptyOut.Trim());
            Assert.Contains($"no Quickstep database at postgres {cs.Host}:{cs.Port}/{cs.Database}", emptyErr, StringComparison.Ordinal);

            await using (var node = await QuickstepServer.StartAsync(
                new QuickstepServerOptions { Port = 0, DatabasePath = Path.Combine(dir, "n0", "q.db"), Store = url, NodeId = "cli-n0" },
                logging => logging.SetMinimumLevel(LogLevel.Warning)))
            {
                using var http = new HttpClient { BaseAddress = node.BaseAddress };
                var definition = """{"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}}""";
                var (created, body) = await InProcessServer.Call(http, "CreateStateMachine", JsonSerializer.Serialize(new { name = "metered", definition, roleArn = "arn:aws:iam::123456789012:role/r", type = "EXPRESS" }));
                Assert.True(created == 200, body.ToString());
                for (var i = 0; i < 3; i++)
                {
                    var (status, _) = await InProcessServer.Call(http, "StartSyncExecution", """{"stateMachineArn":"arn:aws:states:us-east-1:123456789012:stateMachine:metered"}""");
                    Assert.Equal(200, status);
                }

                await node.Triggers.Scheduler.InvokeAsync("CreateSchedule", (JObject)JsonText.Parse("""
                    {"Name":"nightly","ScheduleExpression":"cron(30 2 * * ? *)","ScheduleExpressionTimezone":"America/New_York","FlexibleTimeWindow":{"Mode":"OFF"},
                     "Target":{"Arn":"arn:aws:states:us-east-1:123456789012:stateMachine:metered","RoleArn":"arn:aws:iam::123456789012:role/r"}}
                    """));
            }

            var (code, stdout, stderr) = await ProcessRunner.RunAsync("dotnet", [Repo.CliDll, "usage", "--store", url], dir, TimeSpan.FromSeconds(60));
            Assert.True(code == 0, stderr);
            using (var usage = JsonDocument.Parse(stdout))
            {
                var m = Assert.Single(usage.RootElement.GetProperty("stateMachines").EnumerateArray());
                Assert.Equal(3, m.GetProperty("executions").GetInt64());
                var billed = m.GetProperty("billedDurationMilliseconds").GetInt64();
                Assert.True(billed >= 300 && billed % 100 == 0, $"billed {billed} ms");
                Assert.Equal(0.000003m, m.GetProperty("requestCostUsd").GetDecimal());
            }

            (code, stdout, stderr) = await ProcessRunner.RunAsync("dotnet", [Repo.CliDll, "triggers", "--store", url], dir, TimeSpan.FromSeconds(60));
            Assert.True(code == 0, stderr);
            using var triggers = JsonDocument.Parse(stdout);
            Assert.Equal(["rules", "schedules", "pipes", "webhooks"], triggers.RootElement.EnumerateObject().Select(p => p.Name));
            var schedule = Assert.Single(triggers.RootElement.GetProperty("schedules").EnumerateArray());
            Assert.Equal(("default", "nightly", "ENABLED"), (schedule.GetProperty("group").GetString(), schedule.GetProperty("name").GetString(), schedule.GetProperty("state").GetString()));
            Assert.Equal("cron(30 2 * * ? *)", schedule.GetProperty("expression").GetString());
            Assert.Equal("America/New_York", schedule.GetProperty("timezone").GetString());
            Assert.Equal("arn:aws:states:us-east-1:123456789012:stateMachine:metered", schedule.GetProperty("target").GetString());
            Assert.Matches(@"^\d{4}-\d\d-\d\dT0[67]:30:00Z$", schedule.GetProperty("nextRun").GetString());
            Assert.Empty(triggers.RootElement.GetProperty("pipes").EnumerateArray());

            // Reading took no node lease: the only node the database knows is the one that served it.
            await using var db = new NpgsqlConnection(connection);
            await db.OpenAsync();
            await using var nodes = new NpgsqlCommand("SELECT string_agg(id, ',') FROM quickstep_nodes", db);
            Assert.Equal("cli-n0", await nodes.ExecuteScalarAsync());
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
