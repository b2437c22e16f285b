using Quickstep.Json;

namespace Quickstep.Cli.Tests.Bench;

public sealed class BenchCommandTests : IDisposable
{
    private const string ThreePasses = """
        {"StartAt":"A","States":{
          "A":{"Type":"Pass","Parameters":{"id.$":"$.id","n":1},"ResultPath":"$.a","Next":"B"},
          "B":{"Type":"Pass","ResultPath":"$.b","Result":2,"Next":"C"},
          "C":{"Type":"Pass","End":true}}}
        """;

    private const string TwoTasks = """
        {"StartAt":"T1","States":{
          "T1":{"Type":"Task","Resource":"arn:aws:lambda:us-east-1:123456789012:function:Anything","Next":"T2"},
          "T2":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","Parameters":{"FunctionName":"Other","Payload.$":"$"},"OutputPath":"$.Payload","End":true}}}
        """;

    // The shape of tests/data/bench/workloads/w6-retry-catch: 5 states entered + 3 retries = 8 transitions.
    private const string RetryCatch = """
        {"StartAt":"Start","States":{
          "Start":{"Type":"Pass","Parameters":{"id.$":"$.id"},"Next":"Flaky"},
          "Flaky":{"Type":"Task","Resource":"arn:aws:lambda:us-east-1:123456789012:function:Flaky",
            "Retry":[{"ErrorEquals":["Transient"],"IntervalSeconds":1,"MaxAttempts":3,"BackoffRate":1}],
            "Catch":[{"ErrorEquals":["States.ALL"],"ResultPath":"$.error","Next":"Handled"}],"ResultPath":"$.flaky","Next":"AlwaysFails"},
          "AlwaysFails":{"Type":"Task","Resource":"arn:aws:lambda:us-east-1:123456789012:function:AlwaysFails",
            "Retry":[{"ErrorEquals":["Transient"],"IntervalSeconds":1,"MaxAttempts":1}],
            "Catch":[{"ErrorEquals":["States.ALL"],"ResultPath":"$.error","Next":"Handled"}],"Next":"Done"},
          "Handled":{"Type":"Pass","Parameters":{"id.$":"$.id","recovered.$":"$.error.Error","flaky.$":"$.flaky"},"Next":"Done"},
          "Done":{"Type":"Succeed"}}}
        """;

    private const string RetryCatchMocks = """
        {"StateMachines":{"w6-retry-catch":{"TestCases":{"Default":{"Flaky":"FlakyFailsTwice","AlwaysFails":"AlwaysTransient"}}}},
         "MockedResponses":{
           "FlakyFailsTwice":{"0-1":{"Throw":{"Error":"Transient","Cause":"flaky"}},"2":{"Return":{"ok":true,"attempts":3}}},
           "AlwaysTransient":{"0-1":{"Throw":{"Error":"Transient","Cause":"always"}}}}}
        """;

    private readonly string _dir = Directory.CreateTempSubdirectory("quickstep-bench-tests-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task Bench_PassChain_PrintsOneJsonObjectWithRatesAndLastOutput()
    {
        var (code, stdout, _) = await Bench(Write("three.asl.json", ThreePasses), "--input-file", Write("in.json", """{"id":"x"}"""), "--seconds", "0.2", "--warmup", "0");

        Assert.Equal(0, code);
        var o = Assert.IsType<JObject>(JsonText.Parse(stdout));
        Assert.Equal(["executions", "seconds", "executionsPerSecond", "transitionsPerSecond", "output", "cpuSeconds", "allocatedBytesPerExecution"], o.Keys);
        var executions = Number(o, "executions");
        Assert.True(executions >= 1);
        Assert.True(Number(o, "seconds") >= 0.2);
        // 3 states entered per execution.
        Assert.Equal(3.0, Number(o, "transitionsPerSecond") / Number(o, "executionsPerSecond"), 2);
        Assert.Equal("""{"id":"x","a":{"id":"x","n":1},"b":2}""", o["output"]!.ToString());
    }

    [Fact]
    public async Task Bench_RetryCatchWithMocks_CountsRetriesAndNamesMachineAfterFile()
    {
        var (code, stdout, stderr) = await Bench(
            Write("w6-retry-catch.asl.json", RetryCatch), "--input-file", Write("in.json", """{"id":"retry-1"}"""),
            "--mock-config", Write("mocks.json", RetryCatchMocks), "--test-case", "Default", "--seconds", "0.2", "--warmup", "0.05");

        Assert.True(code == 0, stderr);
        var o = (JObject)JsonText.Parse(stdout);
        Assert.Equal(8.0, Number(o, "transitionsPerSecond") / Number(o, "executionsPerSecond"), 2);
        Assert.Equal("""{"id":"retry-1","recovered":"Transient","flaky":{"ok":true,"attempts":3}}""", o["output"]!.ToString());
    }

    [Fact]
    public async Task Bench_NameOption_SelectsTheMockedMachine()
    {
        var (code, stdout, stderr) = await Bench(
            Write("other.asl.json", RetryCatch), "--input-file", Write("in.json", """{"id":"r"}"""), "--name", "w6-retry-catch",
            "--mock-config", Write("mocks.json", RetryCatchMocks), "--test-case", "Default", "--seconds", "0.05", "--warmup", "0");

        Assert.True(code == 0, stderr);
        Assert.Equal("Transient", ((JObject)((JObject)JsonText.Parse(stdout))["output"]!)["recovered"]!.ToString().Trim('"'));
    }

    [Fact]
    public async Task Bench_EchoFunctions_AnswersArnsAndLambdaInvokeWithTheirInput()
    {
        var (code, stdout, stderr) = await Bench(
            Write("tasks.asl.json", TwoTasks), "--input-file", Write("in.json", """{"n":7}"""), "--echo-functions", "--seconds", "0.1", "--warmup", "0");

        Assert.True(code == 0, stderr);
        Assert.Equal("""{"n":7}""", ((JObject)JsonText.Parse(stdout))["output"]!.ToString());
    }

    [Fact]
    public async Task Bench_WithoutEchoFunctions_UnknownFunctionFailsWithExitOne()
    {
        var (code, stdout, stderr) = await Bench(
            Write("tasks.asl.json", TwoTasks), "--input-file", Write("in.json", "{}"), "--seconds", "0.05", "--warmup", "0");

        Assert.Equal(1, code);
        Assert.Contains("did not succeed", stderr, StringComparison.Ordinal);
        Assert.Contains("Lambda.ResourceNotFoundException", stderr, StringComparison.Ordinal);
        Assert.IsType<JObject>(JsonText.Parse(stdout));
    }

    [Fact]
    public async Task Bench_Concurrency_RunsLoopsTogetherAndCountsEveryExecution()
    {
        var (code, stdout, _) = await Bench(
            Write("three.asl.json", ThreePasses), "--input-file", Write("in.json", """{"id":1}"""), "--concurrency", "4", "--seconds", "0.2", "--warmup", "0", "--history");

        Assert.Equal(0, code);
        var o = (JObject)JsonText.Parse(stdout);
        Assert.True(Number(o, "executions") >= 4);
        Assert.Equal(3.0, Number(o, "transitionsPerSecond") / Number(o, "executionsPerSecond"), 2);
    }

    [Theory]
    [InlineData("--seconds", "0")]
    [InlineData("--concurrency", "0")]
    [InlineData("--concurrency", "1.5")]
    [InlineData("--warmup", "x")]
    [InlineData("--test-case", "Default")]
    [InlineData("--bogus", "1")]
    public async Task Bench_BadOption_IsAUsageError(string option, string value)
    {
        var (code, stdout, stderr) = await Bench(Write("three.asl.json", ThreePasses), "--input-file", Write("in.json", "{}"), option, value);

        Assert.Equal(2, code);
        Assert.Equal("", stdout);
        Assert.StartsWith("quickstep bench: ", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bench_MissingInputFileOption_IsAUsageError()
    {
        var (code, _, stderr) = await Bench(Write("three.asl.json", ThreePasses));

        Assert.Equal(2, code);
        Assert.Contains("--input-file", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bench_InvalidDefinition_PrintsDiagnosticsAndExitsTwo()
    {
        var (code, _, stderr) = await Bench(Write("bad.asl.json", """{"StartAt":"Nope","States":{}}"""), "--input-file", Write("in.json", "{}"));

        Assert.Equal(2, code);
        Assert.StartsWith("quickstep bench: ", stderr, StringComparison.Ordinal);
    }

    private static double Number(JObject o, string key) => ((JNumber)o[key]!).Value;

    private string Write(string name, string text)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, text);
        return path;
    }

    private static async Task<(int Code, string Stdout, string Stderr)> Bench(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = await CommandLine.RunAsync(["bench", .. args], stdout, stderr);
        return (code, stdout.ToString().Trim(), stderr.ToString());
    }
}
