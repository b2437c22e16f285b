using System.Diagnostics;
using Quickstep.Integrations.Functions;
using Quickstep.Json;

namespace Quickstep.Engine.Tests;

/// <summary>
/// A state that computes (JSONata, a JSONPath regex filter, a big Map) observes StopExecution and the deadline,
/// and a time limit hit while matching is an error, never a silent "no match" (issue 18, defect 4).
/// </summary>
public sealed class ComputeLimitsTests
{
    private const string LongJsonata = """
        {"QueryLanguage":"JSONata","StartAt":"Spin","States":{"Spin":{"Type":"Pass",
          "Output":"{% $distinct([1..200000]) %}","End":true}}}
        """;

    private const string BigMap = """
        {"StartAt":"Outer","States":{"Outer":{"Type":"Map","ItemsPath":"$.a","ItemSelector":{"a.$":"$$.Execution.Input.a"},
          "ItemProcessor":{"StartAt":"Inner","States":{"Inner":{"Type":"Map","ItemsPath":"$.a",
            "ItemProcessor":{"StartAt":"P","States":{"P":{"Type":"Pass","Next":"Q"},"Q":{"Type":"Pass","End":true}}},
            "ResultPath":null,"Next":"Small"},"Small":{"Type":"Pass","Result":0,"End":true}}},"ResultPath":null,"End":true}}}
        """;

    private static readonly string BigMapInput = "{\"a\":[" + string.Join(',', Enumerable.Range(0, 1000)) + "]}";

    [Theory]
    [InlineData(LongJsonata, "{}")]
    [InlineData("MAP", "MAP")]
    public async Task Stop_WhileAStateComputes_AbortsWithinASecond(string definition, string input)
    {
        if (definition == "MAP")
            (definition, input) = (BigMap, BigMapInput);
        var machine = new QuickstepEngine().Load(definition, "spin");
        using var stop = new ExecutionStop();
        var run = Task.Run(() => machine.ExecuteAsync(JsonText.Parse(input), new ExecutionOptions { Stop = stop }));
        await Task.Delay(300);
        Assert.False(run.IsCompleted, "the execution should still be computing");
        var watch = Stopwatch.StartNew();
        stop.Request("Stopped", "by the test");
        var result = await run.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(ExecutionStatus.Aborted, result.Status);
        Assert.Equal("Stopped", result.Error);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(1.5), $"stopped after {watch.Elapsed}");
    }

    [Theory]
    [InlineData(LongJsonata, "{}")]
    [InlineData("MAP", "MAP")]
    public async Task Deadline_WhileAStateComputes_TimesOut(string definition, string input)
    {
        if (definition == "MAP")
            (definition, input) = (BigMap, BigMapInput);
        var machine = new QuickstepEngine(new EngineOptions { MaxExecutionDuration = TimeSpan.FromMilliseconds(500) }).Load(definition, "spin");
        var watch = Stopwatch.StartNew();
        var result = await Task.Run(() => machine.ExecuteAsync(JsonText.Parse(input))).WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(ExecutionStatus.TimedOut, result.Status);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(2.5), $"timed out after {watch.Elapsed}");
    }

    [Fact]
    public async Task JsonPathRegex_CatastrophicPattern_RunsInLinearTime()
    {
        // (a+)+$ backtracks exponentially on "aaa…b"; the filter must answer quickly and correctly.
        var items = string.Join(',', Enumerable.Range(0, 400).Select(i => i % 2 == 0 ? "{\"s\":\"" + new string('a', 40) + "b\"}" : "{\"s\":\"" + new string('a', 40) + "\"}"));
        var definition = """
            {"StartAt":"F","States":{"F":{"Type":"Pass","Parameters":{"m.$":"$.items[?(@.s =~ /(a+)+$/)]"},"End":true}}}
            """;
        var watch = Stopwatch.StartNew();
        var result = await new QuickstepEngine().Load(definition, "re").ExecuteAsync(JsonText.Parse("{\"items\":[" + items + "]}"));
        Assert.Equal(ExecutionStatus.Succeeded, result.Status);
        Assert.Equal(200, ((JArray)((JObject)result.Output!)["m"]!).Count);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"took {watch.Elapsed}");
    }

    [Fact]
    public async Task JsonPathRegex_MatchTimeout_IsAnErrorNotNoMatch()
    {
        // A backreference needs the backtracking engine, where this pattern is exponential: the match times out.
        var definition = """
            {"StartAt":"F","States":{"F":{"Type":"Pass","Parameters":{"m.$":"$.items[?(@.s =~ /((a|aa)+)+\\1c/)]"},"End":true}}}
            """;
        var input = "{\"items\":[{\"s\":\"" + new string('a', 60) + "b\"}]}";
        var result = await new QuickstepEngine().Load(definition, "re").ExecuteAsync(JsonText.Parse(input));
        Assert.Equal(ExecutionStatus.Failed, result.Status);
        Assert.Equal("States.Runtime", result.Error);
        Assert.Contains("took longer than one second", result.Cause, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Map_ResultsPastThePayloadLimit_FailWithDataLimitExceededBeforeTheFanOutEnds()
    {
        // 1000 × 1000 × 1000 iterations would never end; the first inner map's results pass 256 KiB and fail it.
        var definition = """
            {"StartAt":"A","States":{"A":{"Type":"Map","ItemsPath":"$.a","ItemSelector":{"a.$":"$$.Execution.Input.a"},
              "ItemProcessor":{"StartAt":"B","States":{"B":{"Type":"Map","ItemsPath":"$.a","ItemSelector":{"a.$":"$$.Execution.Input.a"},
                "ItemProcessor":{"StartAt":"C","States":{"C":{"Type":"Map","ItemsPath":"$.a",
                  "ItemProcessor":{"StartAt":"P","States":{"P":{"Type":"Pass","Result":"0123456789012345678901234567890123456789","End":true}}},
                  "End":true}}},"End":true}}},"End":true}}}
            """;
        var watch = Stopwatch.StartNew();
        var result = await new QuickstepEngine().Load(definition, "fan").ExecuteAsync(JsonText.Parse(BigMapInput)).WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(ExecutionStatus.Failed, result.Status);
        Assert.Equal("States.DataLimitExceeded", result.Error);
        Assert.Equal("The state/task 'B' returned a result with a size exceeding the maximum number of bytes service limit.", result.Cause);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), $"took {watch.Elapsed}");
    }

    [Theory]
    [InlineData("{\"s.$\":\"States.Format('{}{}{}{}{}{}{}{}{}{}', $.b, $.b, $.b, $.b, $.b, $.b, $.b, $.b, $.b, $.b)\"}")]
    [InlineData("{\"a.$\":\"States.JsonToString($)\",\"b.$\":\"States.JsonToString($)\",\"c.$\":\"States.JsonToString($)\",\"d.$\":\"States.JsonToString($)\",\"e.$\":\"States.JsonToString($)\"}")]
    public async Task Parameters_BuildingPastThePayloadLimit_FailWithDataLimitExceeded(string parameters)
    {
        var definition = "{\"StartAt\":\"F\",\"States\":{\"F\":{\"Type\":\"Pass\",\"Parameters\":" + parameters + ",\"End\":true}}}";
        var input = "{\"b\":\"" + new string('x', 60_000) + "\"}";
        var result = await new QuickstepEngine().Load(definition, "big").ExecuteAsync(JsonText.Parse(input));
        Assert.Equal(ExecutionStatus.Failed, result.Status);
        Assert.Equal("States.DataLimitExceeded", result.Error);
        Assert.Equal("The state/task 'F' returned a result with a size exceeding the maximum number of bytes service limit.", result.Cause);
    }

    [Theory]
    [InlineData(0, 40)]
    [InlineData(100, 40)]
    [InlineData(7, 7)]
    public async Task InlineMap_RunsAtMostFortyIterationsAtOnce(int maxConcurrency, int expected)
    {
        var running = 0;
        var peak = 0;
        var definition = "{\"StartAt\":\"M\",\"States\":{\"M\":{\"Type\":\"Map\",\"MaxConcurrency\":" + maxConcurrency
            + ",\"ItemsPath\":\"$.a\",\"ItemProcessor\":{\"StartAt\":\"T\",\"States\":{\"T\":{\"Type\":\"Task\",\"Resource\":\"%FN%slow\",\"End\":true}}},\"End\":true}}}";
        var input = "{\"a\":[" + string.Join(',', Enumerable.Range(0, 120)) + "]}";
        // The system clock: the calls really overlap (a virtual clock would time them out at once).
        await using var registry = new LambdaFunctionRegistry();
        registry.Register("slow", async (JValue e, CancellationToken ct) =>
        {
            var now = Interlocked.Increment(ref running);
            int seen;
            while ((seen = Volatile.Read(ref peak)) < now && Interlocked.CompareExchange(ref peak, now, seen) != seen)
            {
            }

            await Task.Delay(20, ct);
            Interlocked.Decrement(ref running);
            return e;
        });
        var engine = new QuickstepEngine(new EngineOptions { ResourceHandlers = [new LambdaResourceHandler(registry, new LambdaResourceHandlerOptions())] });
        var result = await engine.Load(definition.Replace("%FN%", Run.Fn, StringComparison.Ordinal), "cap").ExecuteAsync(JsonText.Parse(input));
        Assert.Equal(ExecutionStatus.Succeeded, result.Status);
        Assert.Equal(120, ((JArray)result.Output!).Count);
        Assert.Equal(expected, peak);
    }
}
