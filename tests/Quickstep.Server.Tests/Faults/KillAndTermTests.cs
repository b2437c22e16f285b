using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Quickstep.Server.Tests.Faults;

/// <summary>Real processes: SIGKILL with accepted work in flight loses nothing accepted; SIGTERM lets sync executions finish, then exits 0.</summary>
public sealed class KillAndTermTests
{
    private const string Sm = "arn:aws:states:us-east-1:123456789012:stateMachine:";

    [Fact]
    public async Task Sigkill_WithMessagesAndAsyncExecutionsInFlight_NothingAcceptedIsLostAndTheStoreIsConsistent()
    {
        using var scratch = new FaultScratch();
        var sent = new List<string>();
        var started = new List<string>();
        using (var first = await ServeProcess.StartAsync(scratch.Db, scratch.Dir))
        {
            await CreateAsync(first.Http, "slowish", """{"StartAt":"W","States":{"W":{"Type":"Wait","Seconds":1,"Next":"P"},"P":{"Type":"Pass","End":true}}}""");
            var url = (await SqsAsync(first.Http, "CreateQueue", """{"QueueName":"faults"}""")).GetProperty("QueueUrl").GetString()!;
            var sends = Enumerable.Range(0, 300).Select(async i =>
            {
                await SqsAsync(first.Http, "SendMessage", JsonSerializer.Serialize(new { QueueUrl = url, MessageBody = $"m{i}" }));
                return $"m{i}";
            });
            var starts = Enumerable.Range(0, 40).Select(async i =>
            {
                var (status, body) = await InProcessServer.Call(first.Http, "StartExecution", JsonSerializer.Serialize(new { stateMachineArn = Sm + "slowish", input = $"{{\"i\":{i}}}" }));
                Assert.True(status == 200, body.ToString());
                return body.GetProperty("executionArn").GetString()!;
            });
            var both = await Task.WhenAll(Task.WhenAll(sends), Task.WhenAll(starts));
            sent.AddRange(both[0]);
            started.AddRange(both[1]);
            first.Kill(); // right after the last acknowledgement, executions still waiting
        }

        Assert.Equal("ok", FaultScratch.IntegrityCheck(scratch.Db));
        using var second = await ServeProcess.StartAsync(scratch.Db, scratch.Dir);
        var queueUrl = second.BaseAddress.ToString().TrimEnd('/') + "/123456789012/faults";
        var received = new HashSet<string>(StringComparer.Ordinal);
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (received.Count < sent.Count && DateTime.UtcNow < deadline)
        {
            var r = await SqsAsync(second.Http, "ReceiveMessage", JsonSerializer.Serialize(new { QueueUrl = queueUrl, MaxNumberOfMessages = 10 }));
            if (r.TryGetProperty("Messages", out var messages))
            {
                foreach (var m in messages.EnumerateArray())
                {
                    received.Add(m.GetProperty("Body").GetString()!);
                    await SqsAsync(second.Http, "DeleteMessage", JsonSerializer.Serialize(new { QueueUrl = queueUrl, ReceiptHandle = m.GetProperty("ReceiptHandle").GetString() }));
                }
            }
        }

        Assert.Empty(sent.Except(received));
        foreach (var arn in started)
            Assert.Equal("SUCCEEDED", await FinalStatusAsync(second.Http, arn, deadline));
        second.Kill();
        Assert.Equal("ok", FaultScratch.IntegrityCheck(scratch.Db));
    }

    [Fact]
    public async Task Sigterm_SyncExecutionsInFlightFinishAndAnswer_ThenTheProcessExitsZero()
    {
        using var scratch = new FaultScratch();
        var arns = new List<string>();
        using (var first = await ServeProcess.StartAsync(scratch.Db, scratch.Dir, "--shutdown-grace", "30"))
        {
            await CreateAsync(first.Http, "wait2", """{"StartAt":"W","States":{"W":{"Type":"Wait","Seconds":2,"Next":"P"},"P":{"Type":"Pass","Result":"finished","End":true}}}""");
            var calls = Enumerable.Range(0, 4).Select(i => InProcessServer.Call(first.Http, "StartSyncExecution", JsonSerializer.Serialize(new { stateMachineArn = Sm + "wait2", name = $"drain{i}" }))).ToList();
            await WaitForRunningAsync(first.Http, "wait2", 4);
            var exit = first.TerminateAsync(TimeSpan.FromSeconds(40));
            foreach (var call in calls)
            {
                var (status, body) = await call;
                Assert.True(status == 200, body.ToString());
                Assert.Equal("SUCCEEDED", body.GetProperty("status").GetString());
                Assert.Equal("\"finished\"", body.GetProperty("output").GetString());
                arns.Add(body.GetProperty("executionArn").GetString()!);
            }

            Assert.Equal(0, await exit);
        }

        using var second = await ServeProcess.StartAsync(scratch.Db, scratch.Dir);
        foreach (var arn in arns)
            Assert.Equal("SUCCEEDED", await FinalStatusAsync(second.Http, arn, DateTime.UtcNow.AddSeconds(10)));
    }

    [Fact]
    public async Task Sigterm_GraceRunsOut_SyncExecutionIsAbortedAnsweredAndTheProcessExitsZero()
    {
        using var scratch = new FaultScratch();
        using var first = await ServeProcess.StartAsync(scratch.Db, scratch.Dir, "--shutdown-grace", "1");
        await CreateAsync(first.Http, "wait60", """{"StartAt":"W","States":{"W":{"Type":"Wait","Seconds":60,"End":true}}}""");
        var call = InProcessServer.Call(first.Http, "StartSyncExecution", JsonSerializer.Serialize(new { stateMachineArn = Sm + "wait60", name = "cut" }));
        await WaitForRunningAsync(first.Http, "wait60", 1);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var exit = first.TerminateAsync(TimeSpan.FromSeconds(30));
        var (status, body) = await call;
        Assert.True(status == 200, body.ToString());
        Assert.Equal("FAILED", body.GetProperty("status").GetString());
        Assert.Equal("Quickstep.Interrupted", body.GetProperty("error").GetString());
        Assert.Equal(0, await exit);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), $"the stop took {clock.Elapsed}");
    }

    internal static async Task CreateAsync(HttpClient http, string name, string definition)
    {
        var (status, body) = await InProcessServer.Call(http, "CreateStateMachine", JsonSerializer.Serialize(new { name, definition, roleArn = "arn:aws:iam::123456789012:role/r", type = "EXPRESS" }));
        Assert.True(status == 200, body.ToString());
    }

    internal static async Task<JsonElement> SqsAsync(HttpClient http, string operation, string json)
    {
        var (status, body) = await SqsCallAsync(http, operation, json);
        Assert.True(status == 200, $"{operation}: {status} {body}");
        return body;
    }

    internal static async Task<(int Status, JsonElement Body)> SqsCallAsync(HttpClient http, string operation, string json)
    {
        using var content = new StringContent(json, Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/x-amz-json-1.0");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/") { Content = content };
        request.Headers.Add("X-Amz-Target", "AmazonSQS." + operation);
        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return ((int)response.StatusCode, JsonDocument.Parse(text).RootElement.Clone());
    }

    private static async Task WaitForRunningAsync(HttpClient http, string machine, int count)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (DateTime.UtcNow < deadline)
        {
            var (_, body) = await InProcessServer.Call(http, "ListExecutions", JsonSerializer.Serialize(new { stateMachineArn = Sm + machine, statusFilter = "RUNNING" }));
            if (body.GetProperty("executions").GetArrayLength() >= count)
                return;
            await Task.Delay(50);
        }

        Assert.Fail($"{count} executions of {machine} never ran");
    }

    private static async Task<string> FinalStatusAsync(HttpClient http, string arn, DateTime deadline)
    {
        while (true)
        {
            var (_, body) = await InProcessServer.Call(http, "DescribeExecution", JsonSerializer.Serialize(new { executionArn = arn }));
            var status = body.GetProperty("status").GetString()!;
            if (status != "RUNNING" || DateTime.UtcNow > deadline)
                return status;
            await Task.Delay(100);
        }
    }
}
