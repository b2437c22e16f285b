using System.Xml.Linq;

namespace Quickstep.Cli.Tests.Test;

/// <summary>`quickstep test` on the example suite (examples/order-tests), on a broken copy of it, and its JUnit XML.</summary>
public sealed class TestCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("quickstep-test-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static string Examples { get; } = FindExamples();

    private static string FindExamples()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Quickstep.slnx")))
                return Path.Combine(dir.FullName, "examples", "order-tests");
        }

        throw new InvalidOperationException("Quickstep.slnx not found above " + AppContext.BaseDirectory);
    }

    private static async Task<(int Code, string Out, string Err)> Run(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = await CommandLine.RunAsync(["test", .. args], stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    /// <summary>A copy of the example suite in the temp directory, with <paramref name="edit"/> applied to the test file.</summary>
    private string CopyExamples(Func<string, string> edit)
    {
        foreach (var file in Directory.EnumerateFiles(Examples))
            File.Copy(file, Path.Combine(_dir, Path.GetFileName(file)));
        var test = Path.Combine(_dir, "order-payment.test.json");
        var before = File.ReadAllText(test);
        var after = edit(before);
        Assert.NotEqual(before, after);
        File.WriteAllText(test, after);
        return _dir;
    }

    [Fact]
    public async Task Test_ExampleSuite_PassesExit0()
    {
        var (code, output, err) = await Run(Examples);
        Assert.True(code == 0, output + err);
        Assert.Contains("5 passed, 0 failed", output, StringComparison.Ordinal);
        Assert.Contains("PASS ", output, StringComparison.Ordinal);
        Assert.DoesNotContain("FAIL ", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Test_BrokenExpectation_FailsWithClearReportExit1()
    {
        // The busy gateway is retried twice; the broken copy claims three retries and another charge id.
        var dir = CopyExamples(t => t.Replace("\"retries\": { \"Charge\": 2 }", "\"retries\": { \"Charge\": 3 }", StringComparison.Ordinal)
            .Replace("\"$.payment.chargeId\": \"ch-2\"", "\"$.payment.chargeId\": \"ch-X\"", StringComparison.Ordinal));
        var junit = Path.Combine(_dir, "junit.xml");
        var (code, output, _) = await Run(dir, "--junit", junit);
        Assert.Equal(1, code);
        Assert.Contains("4 passed, 1 failed", output, StringComparison.Ordinal);
        Assert.Contains("FAIL ", output, StringComparison.Ordinal);
        Assert.Contains("> retries a busy gateway", output, StringComparison.Ordinal);
        Assert.Contains("retries of Charge: expected 3 but was 2", output, StringComparison.Ordinal);
        Assert.Contains("output $.payment.chargeId: expected \"ch-X\" but was \"ch-2\"", output, StringComparison.Ordinal);

        var xml = XDocument.Load(junit);
        var failure = Assert.Single(xml.Descendants("failure"));
        Assert.Equal("retries a busy gateway", failure.Parent!.Attribute("name")!.Value);
        Assert.Contains("$.payment.chargeId", failure.Attribute("message")!.Value, StringComparison.Ordinal);
        Assert.Contains("retries of Charge: expected 3 but was 2", failure.Value, StringComparison.Ordinal);
        Assert.Equal("1", xml.Root!.Attribute("failures")!.Value);
    }

    [Fact]
    public async Task Test_Junit_HasTheCommonSchemasRequiredStructure()
    {
        var junit = Path.Combine(_dir, "junit.xml");
        var (code, _, _) = await Run(Examples, "--junit", junit);
        Assert.Equal(0, code);
        var xml = XDocument.Load(junit);
        // The common JUnit schema (testsuites > testsuite > testcase): the attributes each element requires.
        var root = xml.Root!;
        Assert.Equal("testsuites", root.Name.LocalName);
        foreach (var a in new[] { "tests", "failures", "errors", "time" })
            Assert.NotNull(root.Attribute(a));
        var suite = Assert.Single(root.Elements());
        Assert.Equal("testsuite", suite.Name.LocalName);
        foreach (var a in new[] { "name", "tests", "failures", "errors", "skipped", "time" })
            Assert.NotNull(suite.Attribute(a));
        var cases = suite.Elements().ToList();
        Assert.Equal(5, cases.Count);
        Assert.Equal("5", suite.Attribute("tests")!.Value);
        foreach (var c in cases)
        {
            Assert.Equal("testcase", c.Name.LocalName);
            Assert.False(string.IsNullOrEmpty(c.Attribute("name")?.Value));
            Assert.Equal("order-payment", c.Attribute("classname")?.Value);
            Assert.True(double.TryParse(c.Attribute("time")?.Value, System.Globalization.CultureInfo.InvariantCulture, out var t) && t >= 0);
            Assert.Empty(c.Elements("failure"));
        }
    }

    [Fact]
    public async Task Test_Coverage_ReportsUnreachedBranchesAndCatchers()
    {
        // Only the happy path: the Default branch, the Catcher and two states stay unreached.
        var dir = CopyExamples(t =>
        {
            var json = (Quickstep.Json.JObject)Quickstep.Json.JsonText.Parse(t);
            var tests = (Quickstep.Json.JArray)json["tests"]!;
            return json.With("tests", Quickstep.Json.JArray.Create(tests[0])).ToString();
        });
        var (code, output, _) = await Run(dir, "--coverage");
        Assert.Equal(0, code);
        Assert.Contains("states: 3/5 reached", output, StringComparison.Ordinal);
        Assert.Contains("not reached: Declined", output, StringComparison.Ordinal);
        Assert.Contains("not reached: NothingToCharge", output, StringComparison.Ordinal);
        Assert.Contains("Choice branches: 1/2 reached", output, StringComparison.Ordinal);
        Assert.Contains("not reached: CheckTotal → NothingToCharge", output, StringComparison.Ordinal);
        Assert.Contains("Catchers: 0/1 reached", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Test_BadTestFile_ReportsEveryProblemExit2()
    {
        var file = Path.Combine(_dir, "bad.test.json");
        File.WriteAllText(file, """{"definition": "x.asl.json", "tests": [{"name": "a", "expect": {"status": "DONE", "retries": {"S": -1}}, "extra": 1}]}""");
        var (code, _, err) = await Run(file);
        Assert.Equal(2, code);
        Assert.Contains("/tests/0/expect/status: must be one of", err, StringComparison.Ordinal);
        Assert.Contains("/tests/0/expect/retries/S", err, StringComparison.Ordinal);
        Assert.Contains("/tests/0/extra: unknown member", err, StringComparison.Ordinal);
    }
}
