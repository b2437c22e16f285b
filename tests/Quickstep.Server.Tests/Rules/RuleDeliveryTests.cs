using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace Quickstep.Server.Tests.Rules;

/// <summary>
/// Rule delivery across a restart in the middle of a delivery, retries backing off on the injected clock, the dead-letter
/// queue after the last retry, and the event-pattern table of tests/Quickstep.EventPatterns.Tests run through real delivery.
/// </summary>
public sealed partial class RuleDeliveryTests : IDisposable
{
    private const string FunctionArn = "arn:aws:lambda:us-east-1:123456789012:function:target";
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "qs-rules-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        try
        {
            Directory.Delete(_dir, recursive: true);
        }
        catch (IOException)
        {
            // Best effort.
        }
    }

    private Task<QuickstepServer> StartAsync(FakeFunctions functions, TimeProvider clock) => QuickstepServer.StartAsync(
        new QuickstepServerOptions { Port = 0, DatabasePath = Path.Combine(_dir, "q.db"), TimeProvider = clock, Services = [functions] },
        logging => logging.SetMinimumLevel(LogLevel.Error));

    private static async Task<JsonElement> Events(QuickstepServer server, string operation, object input)
    {
        using var http = new HttpClient { BaseAddress = server.BaseAddress };
        using var content = new StringContent(JsonSerializer.Serialize(input), Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/x-amz-json-1.1");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/") { Content = content };
        request.Headers.Add("X-Amz-Target", "AWSEvents." + operation);
        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{operation}: {(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    private static async Task<string> PutOrderEventAsync(QuickstepServer server)
    {
        var put = await Events(server, "PutEvents", new { Entries = new[] { new { Source = "com.example.orders", DetailType = "OrderPlaced", Detail = """{"orderId":"o-1"}""" } } });
        Assert.Equal(0, put.GetProperty("FailedEntryCount").GetInt32());
        return put.GetProperty("Entries")[0].GetProperty("EventId").GetString()!;
    }

    private static async Task PutFunctionRuleAsync(QuickstepServer server, object? retryPolicy = null, object? deadLetter = null)
    {
        await Events(server, "PutRule", new { Name = "to-function", EventPattern = """{"source":["com.example.orders"]}""" });
        var target = new Dictionary<string, object> { ["Id"] = "fn", ["Arn"] = FunctionArn };
        if (retryPolicy is not null)
            target["RetryPolicy"] = retryPolicy;
        if (deadLetter is not null)
            target["DeadLetterConfig"] = deadLetter;
        var put = await Events(server, "PutTargets", new { Rule = "to-function", Targets = new[] { target } });
        Assert.Equal(0, put.GetProperty("FailedEntryCount").GetInt32());
    }

    [Fact]
    public async Task Restart_WhileADeliveryIsInFlight_DeliversItAfterTheStartAndOnlyThen()
    {
        var clock = TimeProvider.System;
        string eventId;
        var hanging = new FakeFunctions(clock) { Hang = true };
        await using (var first = await StartAsync(hanging, clock))
        {
            await PutFunctionRuleAsync(first);
            eventId = await PutOrderEventAsync(first);
            await hanging.FirstCall.Task.WaitAsync(TimeSpan.FromSeconds(10));
        }

        // The second server never saw PutEvents: it delivers what the first left pending.
        var recording = new FakeFunctions(clock);
        await using (var second = await StartAsync(recording, clock))
            await recording.WaitForAsync(1, TimeSpan.FromSeconds(10));
        var (payload, _) = Assert.Single(recording.Calls);
        Assert.Equal(eventId, JsonDocument.Parse(payload).RootElement.GetProperty("id").GetString());

        // Delivered and marked: a third start delivers nothing again.
        var third = new FakeFunctions(clock);
        await using (var server = await StartAsync(third, clock))
        {
            await PutOrderEventAsync(server);
            await third.WaitForAsync(1, TimeSpan.FromSeconds(10));
            await Task.Delay(300);
        }

        Assert.Single(third.Calls);
        Assert.NotEqual(eventId, JsonDocument.Parse(third.Calls.Single().Payload).RootElement.GetProperty("id").GetString());
    }

    [Fact]
    public async Task Retry_BacksOffOnTheInjectedClock_UntilTheTargetTakesIt()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));
        var functions = new FakeFunctions(clock) { FailFirst = 3 };
        await using var server = await StartAsync(functions, clock);
        await PutFunctionRuleAsync(server, retryPolicy: new { MaximumRetryAttempts = 5, MaximumEventAgeInSeconds = 3600 });
        await PutOrderEventAsync(server);
        await functions.WaitForAsync(1, TimeSpan.FromSeconds(10));
        await Task.Delay(200);
        Assert.Single(functions.Calls); // no retry before the clock moves

        await AdvanceUntilAsync(clock, functions, 4);
        var times = functions.Calls.Select(c => c.At).ToArray();
        Assert.Equal(4, times.Length);
        Assert.True(times[1] - times[0] >= TimeSpan.FromSeconds(1), $"first retry after {times[1] - times[0]}");
        Assert.True(times[2] - times[1] >= TimeSpan.FromSeconds(2), $"second retry after {times[2] - times[1]}");
        Assert.True(times[3] - times[2] >= TimeSpan.FromSeconds(4), $"third retry after {times[3] - times[2]}");
    }

    [Fact]
    public async Task Retry_Exhausted_SendsTheEventToTheDeadLetterQueue()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));
        var functions = new FakeFunctions(clock) { FailFirst = -1 };
        await using var server = await StartAsync(functions, clock);
        var created = (Quickstep.Json.JObject)await server.Sqs.InvokeAsync("CreateQueue", Quickstep.Json.JObject.Create([new("QueueName", Quickstep.Json.JString.Create("fn-dlq"))]));
        var dlqUrl = ((Quickstep.Json.JString)created["QueueUrl"]!).Value;
        await PutFunctionRuleAsync(server, retryPolicy: new { MaximumRetryAttempts = 2 }, deadLetter: new { Arn = "arn:aws:sqs:us-east-1:123456789012:fn-dlq" });
        var eventId = await PutOrderEventAsync(server);
        await AdvanceUntilAsync(clock, functions, 3);

        Quickstep.Json.JObject? message = null;
        for (var i = 0; i < 200 && message is null; i++)
        {
            var received = (Quickstep.Json.JObject)await server.Sqs.InvokeAsync("ReceiveMessage", Quickstep.Json.JObject.Create([
                new("QueueUrl", Quickstep.Json.JString.Create(dlqUrl)), new("MessageAttributeNames", Quickstep.Json.JArray.Create([Quickstep.Json.JString.Create("All")]))]));
            message = (received["Messages"] as Quickstep.Json.JArray)?.FirstOrDefault() as Quickstep.Json.JObject;
            if (message is null)
                await Task.Delay(20);
        }

        Assert.NotNull(message);
        Assert.Equal(3, functions.Calls.Count);
        Assert.Equal(eventId, JsonDocument.Parse(((Quickstep.Json.JString)message["Body"]!).Value).RootElement.GetProperty("id").GetString());
        var attributes = JsonDocument.Parse(message["MessageAttributes"]!.ToJson()).RootElement;
        Assert.Equal("INTERNAL_ERROR", attributes.GetProperty("ERROR_CODE").GetProperty("StringValue").GetString());
        Assert.Equal("the function is failing", attributes.GetProperty("ERROR_MESSAGE").GetProperty("StringValue").GetString());
        Assert.Equal("2", attributes.GetProperty("RETRY_ATTEMPTS").GetProperty("StringValue").GetString());
        Assert.Equal(FunctionArn, attributes.GetProperty("TARGET_ARN").GetProperty("StringValue").GetString());
        Assert.Equal("arn:aws:events:us-east-1:123456789012:rule/to-function", attributes.GetProperty("RULE_ARN").GetProperty("StringValue").GetString());
    }

    [Fact]
    public async Task ScheduledRule_FiresOnTheInjectedClock_UntilDisabled()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));
        var functions = new FakeFunctions(clock);
        await using var server = await StartAsync(functions, clock);
        await Events(server, "PutRule", new { Name = "every-minute", ScheduleExpression = "rate(1 minute)" });
        await Events(server, "PutTargets", new { Rule = "every-minute", Targets = new[] { new { Id = "fn", Arn = FunctionArn } } });
        await Task.Delay(200);
        Assert.Empty(functions.Calls); // nothing before the first minute

        await AdvanceUntilAsync(clock, functions, 2);

        // Each run's event carries its scheduled time, a minute apart; the call itself comes at or after it. (The clock
        // moves a second every few milliseconds here, so the call times also hold how long delivery took under load.)
        var calls = functions.Calls.Take(2).ToArray();
        var scheduled = calls.Select(c => JsonDocument.Parse(c.Payload).RootElement.GetProperty("time").GetString()!).ToArray();
        Assert.Equal(["2026-03-01T12:01:00Z", "2026-03-01T12:02:00Z"], scheduled);
        for (var i = 0; i < calls.Length; i++)
            Assert.True(calls[i].At >= DateTimeOffset.Parse(scheduled[i], CultureInfo.InvariantCulture), $"called at {calls[i].At:O}, before {scheduled[i]}");
        var ev = JsonDocument.Parse(calls[0].Payload).RootElement;
        Assert.Equal("aws.events", ev.GetProperty("source").GetString());
        Assert.Equal("Scheduled Event", ev.GetProperty("detail-type").GetString());
        Assert.Equal("arn:aws:events:us-east-1:123456789012:rule/every-minute", ev.GetProperty("resources")[0].GetString());
        Assert.Empty(ev.GetProperty("detail").EnumerateObject());

        await Events(server, "DisableRule", new { Name = "every-minute" });
        var before = functions.Calls.Count;
        for (var i = 0; i < 30; i++)
        {
            clock.Advance(TimeSpan.FromSeconds(10));
            await Task.Delay(5);
        }

        await Task.Delay(200);
        Assert.Equal(before, functions.Calls.Count);
    }

    /// <summary>Moves the fake clock a second at a time (letting the delivery register its next timer) until the calls arrived.</summary>
    private static async Task AdvanceUntilAsync(FakeTimeProvider clock, FakeFunctions functions, int calls)
    {
        for (var i = 0; i < 2000 && functions.Calls.Count < calls; i++)
        {
            await Task.Delay(5);
            clock.Advance(TimeSpan.FromSeconds(1));
        }

        Assert.Equal(calls, functions.Calls.Count);
    }

    [Fact]
    public async Task PatternTable_ThroughRealDelivery_MatchesWhatTestEventPatternSays()
    {
        var rows = PatternTable();
        Assert.True(rows.Count > 50, $"the table has {rows.Count} usable rows");
        var ec2 = JsonDocument.Parse(Ec2Event()).RootElement;
        var functions = new FakeFunctions(TimeProvider.System);
        await using var server = await StartAsync(functions, TimeProvider.System);
        for (var i = 0; i < rows.Count; i++)
        {
            await Events(server, "CreateEventBus", new { Name = $"pt-{i}" });
            await Events(server, "PutRule", new { Name = "r", EventBusName = $"pt-{i}", EventPattern = rows[i].Pattern });
            await Events(server, "PutTargets", new { Rule = "r", EventBusName = $"pt-{i}", Targets = new[] { new { Id = "fn", Arn = FunctionArn, Input = $$"""{"case":{{i}}}""" } } });
            var test = await Events(server, "TestEventPattern", new { EventPattern = rows[i].Pattern, Event = Ec2Event() });
            Assert.Equal(rows[i].Match, test.GetProperty("Result").GetBoolean());
        }

        for (var i = 0; i < rows.Count; i++)
        {
            await Events(server, "PutEvents", new
            {
                Entries = new[]
                {
                    new
                    {
                        EventBusName = $"pt-{i}", Source = ec2.GetProperty("source").GetString(), DetailType = ec2.GetProperty("detail-type").GetString(),
                        Detail = ec2.GetProperty("detail").GetRawText(), Resources = ec2.GetProperty("resources").EnumerateArray().Select(r => r.GetString()).ToArray(),
                        Time = ec2.GetProperty("time").GetString(),
                    },
                },
            });
        }

        // A last event every rule set sees: once it arrived, every earlier event was matched (one matcher, in order).
        await Events(server, "PutRule", new { Name = "sentinel", EventPattern = """{"source":["sentinel"]}""" });
        await Events(server, "PutTargets", new { Rule = "sentinel", Targets = new[] { new { Id = "fn", Arn = FunctionArn, Input = """{"case":-1}""" } } });
        await Events(server, "PutEvents", new { Entries = new[] { new { Source = "sentinel", DetailType = "end", Detail = "{}" } } });
        var expected = Enumerable.Range(0, rows.Count).Where(i => rows[i].Match).ToHashSet();
        await functions.WaitForAsync(expected.Count + 1, TimeSpan.FromSeconds(30));
        var delivered = functions.Calls.Select(c => JsonDocument.Parse(c.Payload).RootElement.GetProperty("case").GetInt32()).Where(c => c >= 0).ToHashSet();
        Assert.Equal(expected.Order(), delivered.Order());
    }

    [Fact]
    public async Task PatternTable_InvalidPatterns_RefusedByPutRuleWithAwsReason()
    {
        var source = TableSource();
        var rows = InvalidRow().Matches(source[source.IndexOf("public void Matches_Document_AsAwsDoes", StringComparison.Ordinal)..]).ToList();
        Assert.True(rows.Count > 20, $"the table has {rows.Count} invalid patterns");
        var functions = new FakeFunctions(TimeProvider.System);
        await using var server = await StartAsync(functions, TimeProvider.System);
        using var http = new HttpClient { BaseAddress = server.BaseAddress };
        foreach (var row in rows)
        {
            var pattern = row.Groups[1].Value;
            var reason = row.Groups[2].Value.Replace("\\\"", "\"", StringComparison.Ordinal).Replace("\\\\", "\\", StringComparison.Ordinal);
            using var content = new StringContent(JsonSerializer.Serialize(new { Name = "bad", EventPattern = pattern }), Encoding.UTF8);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/x-amz-json-1.1");
            using var request = new HttpRequestMessage(HttpMethod.Post, "/") { Content = content };
            request.Headers.Add("X-Amz-Target", "AWSEvents.PutRule");
            using var response = await http.SendAsync(request);
            var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
            Assert.Equal(400, (int)response.StatusCode);
            Assert.EndsWith("InvalidEventPatternException", body.GetProperty("__type").GetString(), StringComparison.Ordinal);
            Assert.Equal("Event pattern is not valid. Reason: " + reason, body.GetProperty("message").GetString());
        }
    }

    /// <summary>The EC2 event the table is written against (EventPatternTests.Ec2Event).</summary>
    private static string Ec2Event() => RawString().Match(TableSource()).Groups[1].Value;

    /// <summary>The table's rows whose events PutEvents can make: patterns naming an envelope field the server sets itself (account, region, id, version), at any depth, are left out.</summary>
    private static List<(string Pattern, bool Match)> PatternTable()
    {
        var rows = new List<(string, bool)>();
        var source = TableSource();
        foreach (Match m in InlineRow().Matches(source[..source.IndexOf("public void Matches_AwsEvent_AsAwsDoes", StringComparison.Ordinal)]))
        {
            var pattern = m.Groups[1].Value;
            if (EnvelopeField().IsMatch(pattern))
                continue;
            rows.Add((pattern, m.Groups[2].Value == "true"));
        }

        return rows;
    }

    private static string TableSource() => File.ReadAllText(Path.Combine(Repo.Root, "tests", "Quickstep.EventPatterns.Tests", "EventPatternTests.cs"));

    [GeneratedRegex(@"\[InlineData\(""""""(\{.*\})"""""", (true|false)\)\]")]
    private static partial Regex InlineRow();

    [GeneratedRegex(@"\[InlineData\(""""""(.*)"""""", ""((?:[^""\\]|\\.)*)""\)\]")]
    private static partial Regex InvalidRow();

    [GeneratedRegex(@"""(account|region|id|version)""")]
    private static partial Regex EnvelopeField();

    [GeneratedRegex(@"Ec2Event = """"""\s*(\{.*?\})\s*"""""";", RegexOptions.Singleline)]
    private static partial Regex RawString();
}
