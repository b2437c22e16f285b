using Quickstep.Json;

namespace Quickstep.Cli.Tests.Run;

/// <summary>`quickstep run --log-level/--log-file/--include-execution-data`: Express log records as AWS writes them.</summary>
public sealed class RunLogTests : IDisposable
{
    // A Task fails, is retried once, then caught; the execution then fails in a Fail state.
    private const string Definition = """
        {"StartAt":"P","States":{
          "P":{"Type":"Pass","Result":{"secret":"s3"},"Next":"T"},
          "T":{"Type":"Task","Resource":"arn:aws:lambda:us-east-1:123456789012:function:F",
               "Catch":[{"ErrorEquals":["States.ALL"],"ResultPath":"$.error","Next":"F"}],"End":true},
          "F":{"Type":"Fail","Error":"Boom","Cause":"it broke"}}}
        """;

    private const string Mocks = """{"StateMachines":{"log":{"TestCases":{"Fails":{"T":"R"}}}},"MockedResponses":{"R":{"0":{"Throw":{"Error":"Lambda.Unknown","Cause":"c"}}}}}""";

    private readonly string _dir = Directory.CreateTempSubdirectory("quickstep-log-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Write(string name, string text)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, text);
        return path;
    }

    private async Task<(int Code, string[] Lines, string Err)> Run(params string[] extra)
    {
        var def = Write("log.asl.json", Definition);
        var mock = Write("mock.json", Mocks);
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = await CommandLine.RunAsync(["run", def, "--fast-clock", "--mock-config", mock, "--test-case", "Fails", .. extra], stdout, stderr);
        return (code, stdout.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries), stderr.ToString());
    }

    private static string Type(JObject record) => ((JString)record["type"]!).Value;

    private static JObject[] Records(IEnumerable<string> lines) => [.. lines.Select(l => (JObject)JsonText.Parse(l))];

    [Fact]
    public async Task LevelAll_WritesEveryEventThenTheResult()
    {
        var (code, lines, _) = await Run("--log-level", "ALL");
        Assert.Equal(1, code);
        var records = Records(lines[..^1]);
        Assert.Equal(
            ["ExecutionStarted", "PassStateEntered", "PassStateExited", "TaskStateEntered", "LambdaFunctionScheduled", "LambdaFunctionStarted", "LambdaFunctionFailed", "TaskStateExited", "FailStateEntered", "ExecutionFailed"],
            records.Select(Type));
        Assert.Equal("""{"status":"FAILED","error":"Boom","cause":"it broke"}""", lines[^1]);

        // The AWS record shape: ids and times as strings, one execution ARN, ids in order, chained.
        var arn = ((JString)records[0]["execution_arn"]!).Value;
        Assert.StartsWith("arn:aws:states:us-east-1:123456789012:express:log:", arn, StringComparison.Ordinal);
        for (var i = 0; i < records.Length; i++)
        {
            var r = records[i];
            Assert.Equal(["id", "type", "details", "previous_event_id", "event_timestamp", "execution_arn", "redrive_count"], r.Select(p => p.Key));
            Assert.Equal((i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), ((JString)r["id"]!).Value);
            Assert.Equal(arn, ((JString)r["execution_arn"]!).Value);
            Assert.True(long.TryParse(((JString)r["event_timestamp"]!).Value, out _));
        }

        Assert.Equal("0", ((JString)records[1]["previous_event_id"]!).Value);
        Assert.Equal("2", ((JString)records[2]["previous_event_id"]!).Value);
        var failed = (JObject)records[6]["details"]!;
        Assert.Equal("Lambda.Unknown", ((JString)failed["error"]!).Value);
        Assert.Equal("c", ((JString)failed["cause"]!).Value);
        Assert.Equal("""{"error":"Boom","cause":"it broke"}""", records[^1]["details"]!.ToString());
    }

    [Fact]
    public async Task WithoutIncludeExecutionData_InputAndOutputAreLeftOut()
    {
        var (_, lines, _) = await Run("--log-level", "ALL");
        var records = Records(lines[..^1]);
        Assert.DoesNotContain(lines[..^1], l => l.Contains("s3", StringComparison.Ordinal));
        Assert.Equal("""{"name":"P"}""", records[2]["details"]!.ToString());
        Assert.Equal("""{"roleArn":"arn:aws:iam::123456789012:role/quickstep-log"}""", records[0]["details"]!.ToString());
    }

    [Fact]
    public async Task IncludeExecutionData_KeepsInputAndOutputAsJsonText()
    {
        var (_, lines, _) = await Run("--log-level", "ALL", "--include-execution-data", "--input", """{"a":1}""");
        var records = Records(lines[..^1]);
        Assert.Equal("""{"input":"{\"a\":1}","inputDetails":{"truncated":false},"roleArn":"arn:aws:iam::123456789012:role/quickstep-log"}""", records[0]["details"]!.ToString());
        Assert.Equal("""{"name":"P","output":"{\"secret\":\"s3\"}","outputDetails":{"truncated":false}}""", records[2]["details"]!.ToString());
    }

    [Fact]
    public async Task LevelError_KeepsOnlyFailures()
    {
        var (_, lines, _) = await Run("--log-level", "ERROR");
        Assert.Equal(["LambdaFunctionFailed", "FailStateEntered", "ExecutionFailed"], Records(lines[..^1]).Select(Type));
    }

    [Fact]
    public async Task LevelFatal_KeepsOnlyTheExecutionsFailure()
    {
        var (_, lines, _) = await Run("--log-level", "fatal");
        var records = Records(lines[..^1]);
        Assert.Equal(["ExecutionFailed"], records.Select(Type));
        Assert.Equal("10", ((JString)records[0]["id"]!).Value);
        Assert.Equal("9", ((JString)records[0]["previous_event_id"]!).Value);
    }

    [Fact]
    public async Task LevelOff_WritesNoRecords()
    {
        var (_, lines, _) = await Run("--log-level", "OFF");
        Assert.Equal(["""{"status":"FAILED","error":"Boom","cause":"it broke"}"""], lines);
    }

    [Fact]
    public async Task LogFile_AppendsJsonLinesAndKeepsStdoutOneObject()
    {
        var file = Path.Combine(_dir, "log.jsonl");
        var (_, first, _) = await Run("--log-file", file);
        Assert.Single(first);
        var afterOne = File.ReadAllLines(file);
        Assert.Equal(10, afterOne.Length);
        await Run("--log-file", file, "--log-level", "FATAL");
        var afterTwo = File.ReadAllLines(file);
        Assert.Equal(11, afterTwo.Length);
        var arns = Records(afterTwo).Select(r => ((JString)r["execution_arn"]!).Value).Distinct().ToArray();
        Assert.Equal(2, arns.Length);
    }

    [Fact]
    public async Task BadLevel_IsAUsageError()
    {
        var (code, _, err) = await Run("--log-level", "DEBUG");
        Assert.Equal(2, code);
        Assert.Contains("--log-level must be ALL, ERROR, FATAL or OFF", err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnwritableLogFile_IsAUsageError()
    {
        var (code, _, err) = await Run("--log-file", Path.Combine(_dir, "missing", "dir", "log.jsonl"));
        Assert.Equal(2, code);
        Assert.Contains("cannot write", err, StringComparison.Ordinal);
    }
}
