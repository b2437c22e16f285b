using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Quickstep.Server.Tests.Faults;

/// <summary>
/// SIGKILL of a real server with EventBridge Scheduler runs and Glue job runs in flight: after the restart every due run
/// is delivered at least once (and at most twice: no flood), a job run whose process was lost ends FAILED with a reason,
/// and the store passes its integrity check and its invariants.
/// </summary>
public sealed class ScheduleAndJobKillTests
{
    private const string Scope = "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20250101/us-east-1/scheduler/aws4_request, SignedHeaders=host, Signature=00";

    [Fact]
    public async Task Sigkill_WithScheduledRunsInFlightAndDueWhileDown_EachRunIsDeliveredOnceOrTwiceAfterRestart()
    {
        using var scratch = new FaultScratch();
        var inFlight = Enumerable.Range(0, 150).Select(i => $"a{i}").ToList();
        var whileDown = Enumerable.Range(0, 20).Select(i => $"b{i}").ToList();
        var retrying = Enumerable.Range(0, 20).Select(i => $"c{i}").ToList();
        DateTimeOffset downDue;
        using (var first = await ServeProcess.StartAsync(scratch.Db, scratch.Dir))
        {
            var url = (await KillAndTermTests.SqsAsync(first.Http, "CreateQueue", """{"QueueName":"sched"}""")).GetProperty("QueueUrl").GetString()!;
            var now = DateTimeOffset.UtcNow;
            var due = new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, now.Minute, now.Second, TimeSpan.Zero).AddSeconds(6);
            downDue = due.AddSeconds(3);
            // The third group's queue does not exist yet: their first attempt fails, and the kill finds them waiting to be retried.
            await Task.WhenAll(inFlight.Select(n => CreateScheduleAsync(first.Http, n, due, "sched"))
                .Concat(whileDown.Select(n => CreateScheduleAsync(first.Http, n, downDue, "sched")))
                .Concat(retrying.Select(n => CreateScheduleAsync(first.Http, n, due, "late"))));
            Assert.True(DateTimeOffset.UtcNow < due, "the schedules were created too late for the test's timing");

            // Killed as soon as the first runs reach the queue: the others of that instant are being delivered.
            var deadline = DateTime.UtcNow.AddSeconds(30);
            while (await VisibleAsync(first.Http, url) == 0 && DateTime.UtcNow < deadline)
                await Task.Delay(10);
            first.Kill();
            Assert.True(DateTimeOffset.UtcNow < downDue, "the server was killed after the second group was due");
        }

        Assert.Equal("ok", FaultScratch.IntegrityCheck(scratch.Db));
        while (DateTimeOffset.UtcNow < downDue.AddSeconds(1))
            await Task.Delay(100);
        using var second = await ServeProcess.StartAsync(scratch.Db, scratch.Dir);
        var queueUrl = second.BaseAddress.ToString().TrimEnd('/') + "/123456789012/sched";
        var lateUrl = (await KillAndTermTests.SqsAsync(second.Http, "CreateQueue", """{"QueueName":"late"}""")).GetProperty("QueueUrl").GetString()!;
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        var expected = inFlight.Count + whileDown.Count + retrying.Count;
        var until = DateTime.UtcNow.AddSeconds(45);
        var quietSince = DateTime.MaxValue;
        var round = 0;
        // Receive until every run came and nothing more arrived for two seconds (a duplicate flood would show up there).
        while (DateTime.UtcNow < until && !(counts.Count == expected && DateTime.UtcNow - quietSince > TimeSpan.FromSeconds(2)))
        {
            var url = round++ % 2 == 0 ? queueUrl : lateUrl;
            var r = await KillAndTermTests.SqsAsync(second.Http, "ReceiveMessage", JsonSerializer.Serialize(new { QueueUrl = url, MaxNumberOfMessages = 10 }));
            if (!r.TryGetProperty("Messages", out var messages) || messages.GetArrayLength() == 0)
            {
                quietSince = quietSince == DateTime.MaxValue ? DateTime.UtcNow : quietSince;
                await Task.Delay(50);
                continue;
            }

            quietSince = DateTime.MaxValue;
            foreach (var m in messages.EnumerateArray())
            {
                var name = JsonDocument.Parse(m.GetProperty("Body").GetString()!).RootElement.GetProperty("s").GetString()!;
                counts[name] = counts.GetValueOrDefault(name) + 1;
                await KillAndTermTests.SqsAsync(second.Http, "DeleteMessage", JsonSerializer.Serialize(new { QueueUrl = url, ReceiptHandle = m.GetProperty("ReceiptHandle").GetString() }));
            }
        }

        var missing = inFlight.Concat(whileDown).Concat(retrying).Except(counts.Keys).ToList();
        Assert.True(missing.Count == 0, $"runs never delivered: {string.Join(", ", missing)}");
        Assert.All(counts, c => Assert.InRange(c.Value, 1, 2));
        second.Kill();
        Assert.Equal("ok", FaultScratch.IntegrityCheck(scratch.Db));
        Assert.Empty(FaultScratch.InvariantViolations(scratch.Db));
    }

    [Fact]
    public async Task Sigkill_WithAGlueJobRunRunning_TheRunEndsFailedWithAReasonAfterRestart()
    {
        using var scratch = new FaultScratch();
        var config = Glue.GlueScenario.WriteScripts(scratch.Dir);
        string runId;
        int orphan;
        using (var first = await ServeProcess.StartAsync(scratch.Db, scratch.Dir, "--config", config))
        {
            await GlueAsync(first.Http, "CreateJob", """{"Name":"sleeper","Role":"r","Command":{"Name":"pythonshell","ScriptLocation":"sleep.py"}}""");
            runId = (await GlueAsync(first.Http, "StartJobRun", """{"JobName":"sleeper"}""")).GetProperty("JobRunId").GetString()!;
            // The script prints its pid once it runs: the job's process really runs when the server is killed. The whole
            // line, not just its first word: an unbuffered interpreter writes "sleeping", the pid and the newline apart.
            var stdout = Path.Combine(scratch.Dir, "data", "glue", "runs", runId, "stdout");
            for (var i = 0; i < 400 && !(File.Exists(stdout) && File.ReadAllText(stdout).Contains("sleeping", StringComparison.Ordinal) && File.ReadAllText(stdout).Contains('\n', StringComparison.Ordinal)); i++)
                await Task.Delay(50);
            orphan = int.Parse((await File.ReadAllTextAsync(stdout)).Split(' ', StringSplitOptions.TrimEntries)[1], CultureInfo.InvariantCulture);
            first.KillAlone();
        }

        try
        {
            Assert.Equal("ok", FaultScratch.IntegrityCheck(scratch.Db));
            using var second = await ServeProcess.StartAsync(scratch.Db, scratch.Dir, "--config", config);
            var run = (await GlueAsync(second.Http, "GetJobRun", $$"""{"JobName":"sleeper","RunId":"{{runId}}"}""")).GetProperty("JobRun");
            Assert.Equal("FAILED", run.GetProperty("JobRunState").GetString());
            Assert.Contains("process was lost", run.GetProperty("ErrorMessage").GetString(), StringComparison.Ordinal);
            Assert.True(run.GetProperty("CompletedOn").GetDouble() >= run.GetProperty("StartedOn").GetDouble());

            // The job runs again: the lost run no longer counts as running.
            await GlueAsync(second.Http, "CreateJob", """{"Name":"quick","Role":"r","Command":{"Name":"pythonshell","ScriptLocation":"ok.py"}}""");
            var quick = (await GlueAsync(second.Http, "StartJobRun", """{"JobName":"quick"}""")).GetProperty("JobRunId").GetString()!;
            var state = "";
            for (var i = 0; i < 400 && state is not ("SUCCEEDED" or "FAILED" or "ERROR"); i++)
            {
                await Task.Delay(50);
                state = (await GlueAsync(second.Http, "GetJobRun", $$"""{"JobName":"quick","RunId":"{{quick}}"}""")).GetProperty("JobRun").GetProperty("JobRunState").GetString()!;
            }

            Assert.Equal("SUCCEEDED", state);
            second.Kill();
            Assert.Equal("ok", FaultScratch.IntegrityCheck(scratch.Db));
            Assert.Empty(FaultScratch.InvariantViolations(scratch.Db));
        }
        finally
        {
            // The job's process outlived the killed server (as it would a real crash): end it.
            try
            {
                using var p = System.Diagnostics.Process.GetProcessById(orphan);
                p.Kill();
            }
            catch (ArgumentException)
            {
                // Already gone.
            }
        }
    }

    private static async Task CreateScheduleAsync(HttpClient http, string name, DateTimeOffset at, string queue)
    {
        var body = JsonSerializer.Serialize(new
        {
            ScheduleExpression = $"at({at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture)})",
            FlexibleTimeWindow = new { Mode = "OFF" },
            Target = new { Arn = "arn:aws:sqs:us-east-1:123456789012:" + queue, RoleArn = "arn:aws:iam::123456789012:role/r", Input = JsonSerializer.Serialize(new { s = name }) },
        });
        using var content = new StringContent(body, Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/schedules/" + name) { Content = content };
        request.Headers.TryAddWithoutValidation("Authorization", Scope);
        using var response = await http.SendAsync(request);
        Assert.True(response.IsSuccessStatusCode, $"CreateSchedule {name}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    private static async Task<int> VisibleAsync(HttpClient http, string url)
    {
        var r = await KillAndTermTests.SqsAsync(http, "GetQueueAttributes", JsonSerializer.Serialize(new { QueueUrl = url, AttributeNames = new[] { "ApproximateNumberOfMessages" } }));
        return int.Parse(r.GetProperty("Attributes").GetProperty("ApproximateNumberOfMessages").GetString()!, CultureInfo.InvariantCulture);
    }

    private static Task<JsonElement> GlueAsync(HttpClient http, string operation, string json) => Glue.GlueRestartTests.CallAsync(http, operation, json);
}
