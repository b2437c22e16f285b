using System.Xml.Linq;
using Quickstep.Cli.Tests.Commands;
using Quickstep.Json;

namespace Quickstep.Cli.Tests.Graph;

public sealed class GraphCommandTests : IDisposable
{
    private const string Definition = """
    {"StartAt":"Pick","States":{
      "Pick":{"Type":"Choice","Choices":[{"Variable":"$.n","NumericLessThan":0,"Next":"Bad"}],"Default":"Each"},
      "Each":{"Type":"Map","ItemsPath":"$.xs","ItemProcessor":{"StartAt":"Item","States":{"Item":{"Type":"Pass","End":true}}},"End":true},
      "Bad":{"Type":"Fail","Error":"Negative"}}}
    """;

    private readonly string _dir = Directory.CreateTempSubdirectory("quickstep-graph-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Write(string name, string text)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public async Task Graph_DefaultFormat_PrintsSvgWithEveryState()
    {
        var file = Write("m.asl.json", Definition);
        var (exit, stdout, stderr) = await CliRunner.RunAsync("graph", file);
        Assert.Equal(0, exit);
        Assert.Equal("", stderr);
        var svg = XDocument.Parse(stdout);
        Assert.Equal("svg", svg.Root!.Name.LocalName);
        var ids = svg.Descendants().Select(e => e.Attribute("data-state-id")?.Value).OfType<string>().Order();
        Assert.Equal(["Bad", "Each", "Each/Item", "Pick"], ids);
    }

    [Fact]
    public async Task Graph_Mermaid_PrintsFlowchart()
    {
        var file = Write("m.asl.json", Definition);
        var (exit, stdout, _) = await CliRunner.RunAsync("graph", file, "--format", "mermaid");
        Assert.Equal(0, exit);
        Assert.StartsWith("flowchart TD\n", stdout, StringComparison.Ordinal);
        Assert.Contains("n0 -->|\"$.n #lt; 0\"| n3", stdout, StringComparison.Ordinal);
        Assert.Contains("n0 -.->|\"default\"| n1", stdout, StringComparison.Ordinal);
        Assert.Contains("subgraph n1 [", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Graph_Dot_PrintsDigraph()
    {
        var file = Write("m.asl.json", Definition);
        var (exit, stdout, _) = await CliRunner.RunAsync("graph", file, "--format", "DOT");
        Assert.Equal(0, exit);
        Assert.StartsWith("digraph workflow {", stdout, StringComparison.Ordinal);
        Assert.Contains("subgraph \"cluster_Each\"", stdout, StringComparison.Ordinal);
        Assert.Contains("\"Pick\" -> \"Bad\"", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Graph_JsonToOutputFile_WritesTheModelAndPrintsNothing()
    {
        var file = Write("m.asl.json", Definition);
        var output = Path.Combine(_dir, "out.json");
        var (exit, stdout, _) = await CliRunner.RunAsync("graph", file, "--format", "json", "--output", output);
        Assert.Equal(0, exit);
        Assert.Equal("", stdout);
        var model = (JObject)JsonText.Parse(File.ReadAllText(output));
        Assert.Equal("Pick", ((JString)model["startAt"]!).Value);
        var each = (JObject)((JArray)model["nodes"]!)[1];
        Assert.Equal("map", ((JString)((JObject)each["group"]!)["kind"]!).Value);
    }

    [Fact]
    public async Task Graph_Stdin_ReadsTheDefinition()
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exit = await GraphCommand.ExecuteAsync("-", "mermaid", null, new StringReader(Definition), stdout, stderr);
        Assert.Equal(0, exit);
        Assert.StartsWith("flowchart TD", stdout.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Graph_InvalidDefinition_PrintsDiagnosticsExit1()
    {
        var file = Write("bad.asl.json", """{"StartAt":"A","States":{"A":{"Type":"Pass","Foo":1,"End":true}}}""");
        var (exit, stdout, stderr) = await CliRunner.RunAsync("graph", file);
        Assert.Equal(1, exit);
        Assert.Equal("", stdout);
        Assert.Equal($"{file}: /States/A/Foo: Field 'Foo' is not supported", stderr.TrimEnd());
    }

    [Fact]
    public async Task Graph_MissingFile_Exit1()
    {
        var (exit, _, stderr) = await CliRunner.RunAsync("graph", Path.Combine(_dir, "nope.json"));
        Assert.Equal(1, exit);
        Assert.Contains("The file cannot be read", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Graph_UnknownFormat_IsAUsageError()
    {
        var file = Write("m.asl.json", Definition);
        var (exit, _, stderr) = await CliRunner.RunAsync("graph", file, "--format", "png");
        Assert.Equal(2, exit);
        Assert.Contains("--format must be svg or mermaid or dot or json", stderr, StringComparison.Ordinal);
        Assert.Contains(GraphCommand.Usage, stderr, StringComparison.Ordinal);
    }
}
