using System.Text.Json;
using Quickstep.Storage;
using Quickstep.Storage.Sqlite;

namespace Quickstep.Cli.Tests.Commands;

/// <summary>`quickstep triggers`: the schedules (with their next run) and pipes a server's database holds.</summary>
public sealed class TriggersCommandTests
{
    [Fact]
    public async Task MissingDatabase_Exit2()
    {
        var db = Path.Combine(Path.GetTempPath(), "quickstep-no-such-dir", "q.db");
        var (exit, stdout, stderr) = await CliRunner.RunAsync("triggers", "--db", db);
        Assert.Equal(2, exit);
        Assert.Equal("", stdout);
        Assert.Contains($"no database at {db}", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Database_ListsSchedulesWithNextRunAndPipes()
    {
        var dir = Path.Combine(Path.GetTempPath(), "qs-triggers-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        var db = Path.Combine(dir, "q.db");
        var store = new SqliteStore(new SqliteStoreOptions { Path = db });
        await using (store)
        {
            await store.InitializeAsync();
            var schedules = new SqliteScheduleStore(store);
            await schedules.InitializeAsync();
            await schedules.TryCreateScheduleAsync(new ScheduleRecord
            {
                GroupName = "default",
                Name = "nightly",
                Arn = "arn:aws:scheduler:us-east-1:123456789012:schedule/default/nightly",
                State = "ENABLED",
                TargetArn = "arn:aws:states:us-east-1:123456789012:stateMachine:m",
                Json = """{"ScheduleExpression":"cron(30 2 * * ? *)","ScheduleExpressionTimezone":"America/New_York"}""",
                NextFire = new DateTimeOffset(2026, 3, 7, 7, 30, 0, TimeSpan.Zero),
                CreationDate = DateTimeOffset.UnixEpoch,
                LastModificationDate = DateTimeOffset.UnixEpoch,
            });
            var pipes = new SqlitePipeStore(store);
            await pipes.InitializeAsync();
            await pipes.TryCreatePipeAsync(new PipeRecord
            {
                Name = "orders",
                Arn = "arn:aws:pipes:us-east-1:123456789012:pipe/orders",
                DesiredState = "RUNNING",
                Source = "arn:aws:sqs:us-east-1:123456789012:orders",
                Target = "arn:aws:states:us-east-1:123456789012:stateMachine:m",
                Json = "{}",
            });
            var rules = new SqliteEventRuleStore(store);
            await rules.InitializeAsync();
            await rules.PutRuleAsync(new EventRuleRecord
            {
                EventBusName = "default",
                Name = "on-upload",
                Json = """{"Name":"on-upload","State":"ENABLED","EventPattern":"{\"source\":[\"aws.s3\"]}","Targets":[{"Id":"1","Arn":"arn:aws:states:us-east-1:123456789012:stateMachine:m"}]}""",
            });
        }

        var config = Path.Combine(dir, "quickstep.json");
        await File.WriteAllTextAsync(config, """{"webhooks":{"deploy":{"stateMachineArn":"arn:aws:states:us-east-1:123456789012:stateMachine:m","mode":"sync","secret":"s"}}}""");
        var (exit, stdout, stderr) = await CliRunner.RunAsync("triggers", "--db", db, "--config", config);
        Assert.True(exit == 0, stderr);
        using var report = JsonDocument.Parse(stdout);
        var schedule = Assert.Single(report.RootElement.GetProperty("schedules").EnumerateArray());
        Assert.Equal("nightly", schedule.GetProperty("name").GetString());
        Assert.Equal("cron(30 2 * * ? *)", schedule.GetProperty("expression").GetString());
        Assert.Equal("America/New_York", schedule.GetProperty("timezone").GetString());
        Assert.Equal("2026-03-07T07:30:00Z", schedule.GetProperty("nextRun").GetString());
        var pipe = Assert.Single(report.RootElement.GetProperty("pipes").EnumerateArray());
        Assert.Equal("orders", pipe.GetProperty("name").GetString());
        Assert.Equal("RUNNING", pipe.GetProperty("state").GetString());
        Assert.Equal("arn:aws:sqs:us-east-1:123456789012:orders", pipe.GetProperty("source").GetString());
        var rule = Assert.Single(report.RootElement.GetProperty("rules").EnumerateArray());
        Assert.Equal(("default", "on-upload", "ENABLED"), (rule.GetProperty("bus").GetString(), rule.GetProperty("name").GetString(), rule.GetProperty("state").GetString()));
        Assert.Equal("""{"source":["aws.s3"]}""", rule.GetProperty("eventPattern").GetString());
        Assert.Equal("arn:aws:states:us-east-1:123456789012:stateMachine:m", Assert.Single(rule.GetProperty("targets").EnumerateArray()).GetString());
        var webhook = Assert.Single(report.RootElement.GetProperty("webhooks").EnumerateArray());
        Assert.Equal(("deploy", "/webhooks/deploy", "sync", true), (webhook.GetProperty("name").GetString(), webhook.GetProperty("path").GetString(), webhook.GetProperty("mode").GetString(), webhook.GetProperty("signed").GetBoolean()));
        Directory.Delete(dir, recursive: true);
    }
}
