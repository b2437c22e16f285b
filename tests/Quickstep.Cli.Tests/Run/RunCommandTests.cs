using Quickstep.Json;

namespace Quickstep.Cli.Tests.Run;

public sealed class RunCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("quickstep-run-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Write(string name, string text)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, text);
        return path;
    }

    private static async Task<(int Code, JObject Json, string Err)> Run(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = await CommandLine.RunAsync(["run", .. args], stdout, stderr);
        var text = stdout.ToString().Trim();
        return (code, text.Length == 0 ? JObject.Empty : (JObject)JsonText.Parse(text), stderr.ToString());
    }

    [Fact]
    public async Task Run_Succeeded_PrintsStatusAndOutputExit0()
    {
        var def = Write("hello.asl.json", """{"StartAt":"P","States":{"P":{"Type":"Pass","Parameters":{"sm.$":"$$.StateMachine.Name","v.$":"$.v"},"End":true}}}""");
        var (code, json, _) = await Run(def, "--input", """{"v":1}""");
        Assert.Equal(0, code);
        Assert.Equal("""{"status":"SUCCEEDED","output":{"sm":"hello","v":1}}""", json.ToString());
    }

    [Fact]
    public async Task Run_Failed_PrintsErrorAndCauseExit1()
    {
        var def = Write("f.asl.json", """{"StartAt":"F","States":{"F":{"Type":"Fail","Error":"E","Cause":"C"}}}""");
        var (code, json, _) = await Run(def);
        Assert.Equal(1, code);
        Assert.Equal("""{"status":"FAILED","error":"E","cause":"C"}""", json.ToString());
    }

    [Fact]
    public async Task Run_InvalidDefinition_PrintsInvalidDefinitionExit2()
    {
        var def = Write("bad.asl.json", """{"StartAt":"Nope","States":{}}""");
        var (code, json, _) = await Run(def);
        Assert.Equal(2, code);
        Assert.Equal("INVALID_DEFINITION", ((JString)json["status"]!).Value);
        Assert.Equal("InvalidDefinition", ((JString)json["error"]!).Value);
    }

    [Fact]
    public async Task Run_InvalidInput_Exit2()
    {
        var def = Write("p.asl.json", """{"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}}""");
        var (code, _, _) = await Run(def, "--input", "{not json");
        Assert.Equal(2, code);
    }

    [Fact]
    public async Task Run_UnknownOption_Exit2()
    {
        var (code, _, err) = await Run("x.json", "--bogus");
        Assert.Equal(2, code);
        Assert.Contains("unknown option", err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_FastClockWaitAndMockConfig_AnswersFromMocks()
    {
        var def = Write("m.asl.json", """{"StartAt":"W","States":{"W":{"Type":"Wait","Seconds":100,"Next":"T"},"T":{"Type":"Task","Resource":"arn:aws:lambda:us-east-1:123456789012:function:F","End":true}}}""");
        var mock = Write("mock.json", """{"StateMachines":{"m":{"TestCases":{"Ok":{"T":"R"}}}},"MockedResponses":{"R":{"0":{"Return":{"mocked":true}}}}}""");
        var (code, json, _) = await Run(def, "--fast-clock", "--mock-config", mock, "--test-case", "Ok");
        Assert.Equal(0, code);
        Assert.Equal("""{"status":"SUCCEEDED","output":{"mocked":true}}""", json.ToString());
    }

    [Fact]
    public void MachineName_StripsEveryExtension()
    {
        Assert.Equal("w6-retry-catch", RunCommand.MachineName("/x/w6-retry-catch.asl.json"));
    }
}
