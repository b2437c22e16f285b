using Quickstep.Json;

namespace Quickstep.Cli.Tests.Validate;

public sealed class ValidateCommandTests : IDisposable
{
    private const string ValidDefinition = """{"StartAt":"A","States":{"A":{"Type":"Succeed"}}}""";
    private const string InvalidDefinition = """{"StartAt":"A","States":{"A":{"Type":"Pass","Foo":1,"End":true}}}""";

    private readonly string _dir = Directory.CreateTempSubdirectory("quickstep-validate-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task RunAsync_ValidFile_ExitsZeroAndPrintsNothing()
    {
        var file = Write("ok.asl.json", ValidDefinition);
        var (exit, stdout, _) = await RunAsync("validate", file);
        Assert.Equal(0, exit);
        Assert.Equal("", stdout);
    }

    [Fact]
    public async Task RunAsync_InvalidFile_ExitsOneAndPrintsFilePointerMessage()
    {
        var file = Write("bad.asl.json", InvalidDefinition);
        var (exit, stdout, _) = await RunAsync("validate", file);
        Assert.Equal(1, exit);
        Assert.Equal($"{file}: /States/A/Foo: Field 'Foo' is not supported", stdout.TrimEnd());
    }

    [Fact]
    public async Task RunAsync_RootDiagnostic_PrintsEmptyPointer()
    {
        var file = Write("array.json", "[]");
        var (exit, stdout, _) = await RunAsync("validate", file);
        Assert.Equal(1, exit);
        Assert.Equal($"{file}: : Definition must be a valid JSON object", stdout.TrimEnd());
    }

    [Fact]
    public async Task RunAsync_OneInvalidAmongValid_ExitsOne()
    {
        var ok = Write("ok.asl.json", ValidDefinition);
        var bad = Write("bad.asl.json", InvalidDefinition);
        var (exit, stdout, _) = await RunAsync("validate", ok, bad);
        Assert.Equal(1, exit);
        Assert.DoesNotContain(ok + ":", stdout, StringComparison.Ordinal);
        Assert.Contains(bad + ": /States/A/Foo:", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_JsonFormat_PrintsArrayOfDiagnostics()
    {
        var ok = Write("ok.asl.json", ValidDefinition);
        var bad = Write("bad.asl.json", InvalidDefinition);
        var (exit, stdout, _) = await RunAsync("validate", "--format", "json", ok, bad);
        Assert.Equal(1, exit);
        var array = Assert.IsType<JArray>(JsonText.Parse(stdout));
        var item = Assert.IsType<JObject>(Assert.Single(array));
        Assert.Equal(["file", "code", "pointer", "message"], item.Keys);
        Assert.Equal(JString.Create(bad), item["file"]);
        Assert.Equal(JString.Create("UNKNOWN_FIELD"), item["code"]);
        Assert.Equal(JString.Create("/States/A/Foo"), item["pointer"]);
    }

    [Fact]
    public async Task RunAsync_JsonFormatAllValid_PrintsEmptyArrayAndExitsZero()
    {
        var ok = Write("ok.asl.json", ValidDefinition);
        var (exit, stdout, _) = await RunAsync("validate", ok, "--format=json");
        Assert.Equal(0, exit);
        Assert.Equal(JArray.Empty, JsonText.Parse(stdout));
    }

    [Fact]
    public async Task RunAsync_MissingFile_ReportsDiagnosticAndExitsOne()
    {
        var missing = Path.Combine(_dir, "missing.json");
        var (exit, stdout, _) = await RunAsync("validate", "--format", "json", missing);
        Assert.Equal(1, exit);
        var item = (JObject)((JArray)JsonText.Parse(stdout))[0];
        Assert.Equal(JString.Create("UNREADABLE_FILE"), item["code"]);
        Assert.Equal(JString.Create(""), item["pointer"]);
    }

    [Fact]
    public async Task RunAsync_BinaryFile_ReportsInvalidJsonAndExitsOne()
    {
        var file = Path.Combine(_dir, "binary.bin");
        await File.WriteAllBytesAsync(file, [0xff, 0xfe, 0x00, 0x80, 0x7b, 0xc3]);
        var (exit, stdout, _) = await RunAsync("validate", "--format", "json", file);
        Assert.Equal(1, exit);
        var item = (JObject)((JArray)JsonText.Parse(stdout))[0];
        Assert.Equal(JString.Create("INVALID_JSON_DESCRIPTION"), item["code"]);
    }

    [Fact]
    public async Task RunAsync_Utf8BomFile_IsAccepted()
    {
        var file = Path.Combine(_dir, "bom.json");
        await File.WriteAllBytesAsync(file, [0xEF, 0xBB, 0xBF, .. System.Text.Encoding.UTF8.GetBytes(ValidDefinition)]);
        var (exit, _, _) = await RunAsync("validate", file);
        Assert.Equal(0, exit);
    }

    [Fact]
    public async Task RunAsync_StandardOption_AllowsCallbackIntegrations()
    {
        var file = Write("sync.asl.json", """{"StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:aws:states:::states:startExecution.sync","End":true}}}""");
        var (express, stdout, _) = await RunAsync("validate", file);
        Assert.Equal(1, express);
        Assert.Contains("Express state machine does not support '.sync' service integration", stdout, StringComparison.Ordinal);
        var (standard, _, _) = await RunAsync("validate", "--standard", file);
        Assert.Equal(0, standard);
    }

    [Theory]
    [InlineData("STANDARD")]
    [InlineData("standard")]
    public async Task RunAsync_TypeStandard_AllowsCallbackIntegrations(string type)
    {
        var file = Write("sync.asl.json", """{"StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:aws:states:::states:startExecution.sync","End":true}}}""");
        var (express, _, _) = await RunAsync("validate", "--type", "EXPRESS", file);
        Assert.Equal(1, express);
        var (standard, stdout, _) = await RunAsync("validate", "--type", type, file);
        Assert.Equal(0, standard);
        Assert.Equal("", stdout);
    }

    [Theory]
    [InlineData("--type", "LOCAL")]
    [InlineData("--type", "EXPRESS", "--standard")]
    public async Task RunAsync_BadType_ExitsTwo(params string[] options)
    {
        var file = Write("ok.asl.json", ValidDefinition);
        var (exit, stdout, stderr) = await RunAsync(["validate", file, .. options]);
        Assert.Equal(2, exit);
        Assert.Equal("", stdout);
        Assert.Contains("usage: quickstep validate", stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData]
    [InlineData("--format", "json")]
    [InlineData("--verbose", "x.json")]
    [InlineData("x.json", "--format", "yaml")]
    [InlineData("x.json", "--format")]
    public async Task RunAsync_UsageError_ExitsTwo(params string[] args)
    {
        var (exit, stdout, stderr) = await RunAsync(["validate", .. args]);
        Assert.Equal(2, exit);
        Assert.Equal("", stdout);
        Assert.Contains("usage: quickstep validate", stderr, StringComparison.Ordinal);
    }

    private string Write(string name, string text)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, text);
        return path;
    }

    private static async Task<(int Exit, string Stdout, string Stderr)> RunAsync(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exit = await CommandLine.RunAsync(args, stdout, stderr);
        return (exit, stdout.ToString(), stderr.ToString());
    }
}
