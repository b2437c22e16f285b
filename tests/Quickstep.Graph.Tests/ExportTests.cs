using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace Quickstep.Graph.Tests;

public sealed partial class ExportTests
{
    private static readonly WorkflowGraph Graph = WorkflowGraph.FromDefinition(Definitions.Everything);

    private static readonly string Order = File.ReadAllText(Path.Combine(RepoRoot(), "examples", "order.asl.json"));

    private static string RepoRoot()
    {
        var dir = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(dir, "Quickstep.slnx")))
            dir = Path.GetDirectoryName(dir) ?? throw new InvalidOperationException("repository root not found");
        return dir;
    }

    private static XElement[] StateElements(XDocument svg) => [.. svg.Descendants().Where(e => e.Attribute("data-state-id") is not null)];

    [Fact]
    public void ToSvg_IsWellFormedWithOneElementPerState()
    {
        var svg = XDocument.Parse(Graph.ToSvg());
        Assert.Equal("{http://www.w3.org/2000/svg}svg", svg.Root!.Name.ToString());
        var ids = StateElements(svg).Select(e => e.Attribute("data-state-id")!.Value).ToList();
        Assert.Equal(Graph.AllNodes().Select(n => n.Id).Order(), ids.Order());
        Assert.DoesNotContain(svg.Descendants(), e => e.Name.LocalName is "script" or "foreignObject" or "image");
        Assert.DoesNotContain("@import", svg.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("url(http", svg.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void ToSvg_GroupsContainTheirNodes()
    {
        var svg = XDocument.Parse(Graph.ToSvg());
        XElement State(string id) => StateElements(svg).Single(e => e.Attribute("data-state-id")!.Value == id);
        var par = State("Par");
        Assert.Equal(2, par.Elements().Count(e => e.Attribute("class")?.Value == "branch"));
        Assert.Contains(State("Par/0/A"), par.Descendants());
        Assert.Contains(State("Par/1/Items/Inner/0/Deep"), State("Par/1/Items").Descendants());
        Assert.Contains(State("Par/1/Items/Inner/0/Deep"), State("Par/1/Items/Inner").Descendants());
        Assert.DoesNotContain(State("Done"), par.Descendants());

        // Every graph edge is drawn once, labelled where it has a label.
        var edges = svg.Descendants().Where(e => e.Attribute("data-from") is not null).ToList();
        Assert.Equal(Graph.AllEdges().Count(), edges.Count);
        var catchEdge = edges.Single(e => e.Attribute("data-kind")!.Value == "catch");
        Assert.Equal("Declined, States.Timeout", catchEdge.Elements().Single(e => e.Name.LocalName == "text").Value);
    }

    [Fact]
    public void ToSvg_LayoutKeepsNodesApartAndFlowsDown()
    {
        var svg = XDocument.Parse(WorkflowGraph.FromDefinition(Order).ToSvg());
        var boxes = StateElements(svg).Where(e => e.Parent!.Attribute("class")?.Value == "scope root").Select(e =>
        {
            var m = Translate().Match(e.Attribute("transform")!.Value);
            var rect = e.Elements().First(c => c.Name.LocalName == "rect");
            return (Id: e.Attribute("data-state-id")!.Value, X: double.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), Y: double.Parse(m.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture),
                W: double.Parse(rect.Attribute("width")!.Value, System.Globalization.CultureInfo.InvariantCulture), H: double.Parse(rect.Attribute("height")!.Value, System.Globalization.CultureInfo.InvariantCulture));
        }).ToDictionary(b => b.Id);
        Assert.Equal(5, boxes.Count);
        foreach (var a in boxes.Values)
        {
            foreach (var b in boxes.Values.Where(b => b.Id != a.Id))
                Assert.False(a.X < b.X + b.W && b.X < a.X + a.W && a.Y < b.Y + b.H && b.Y < a.Y + a.H, $"{a.Id} overlaps {b.Id}");
        }

        // Ranks follow the longest path from the start: Validate, then PriceLines/Reject, then Summarize, then Ship.
        Assert.True(boxes["Validate"].Y + boxes["Validate"].H <= boxes["PriceLines"].Y);
        Assert.True(boxes["PriceLines"].Y + boxes["PriceLines"].H <= boxes["Summarize"].Y);
        Assert.True(boxes["Summarize"].Y + boxes["Summarize"].H <= boxes["Ship"].Y);
    }

    [Fact]
    public void ToSvg_BackEdgeIsDrawnUpward()
    {
        var g = WorkflowGraph.FromDefinition("""{"StartAt":"A","States":{"A":{"Type":"Pass","Next":"B"},"B":{"Type":"Choice","Choices":[{"Variable":"$.again","BooleanEquals":true,"Next":"A"}],"Default":"C"},"C":{"Type":"Succeed"}}}""");
        var svg = XDocument.Parse(g.ToSvg());
        var back = svg.Descendants().Single(e => e.Attribute("data-from")?.Value == "B" && e.Attribute("data-to")?.Value == "A");
        Assert.Contains("back", back.Attribute("class")!.Value, StringComparison.Ordinal);
        var d = back.Elements().First(e => e.Name.LocalName == "path").Attribute("d")!.Value;
        var ys = Points().Matches(d).Select(m => double.Parse(m.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.True(ys[0] > ys[^1], d);
    }

    [Fact]
    public async Task ToSvg_WithOverlay_ColorsStatesAndTakenEdges()
    {
        var (graph, overlay, _) = await Executions.OverlayAsync("""{"StartAt":"T","States":{"T":{"Type":"Task","Resource":"%FN%boom","Catch":[{"ErrorEquals":["States.ALL"],"Next":"R"}],"Next":"D"},"R":{"Type":"Pass","End":true},"D":{"Type":"Succeed"}}}""");
        var svg = XDocument.Parse(graph.ToSvg(overlay));
        string Class(string id) => StateElements(svg).Single(e => e.Attribute("data-state-id")!.Value == id).Attribute("class")!.Value;
        Assert.Contains("status-caught", Class("T"), StringComparison.Ordinal);
        Assert.Contains("status-succeeded", Class("R"), StringComparison.Ordinal);
        Assert.Contains("status-notRun", Class("D"), StringComparison.Ordinal);
        var taken = svg.Descendants().Where(e => e.Attribute("class")?.Value.Contains("taken", StringComparison.Ordinal) == true).Select(e => e.Attribute("data-to")!.Value);
        Assert.Equal(["R"], taken);
    }

    [Fact]
    public void ToMermaid_HasEveryNodeEdgeAndSubgraph()
    {
        var text = Graph.ToMermaid();
        Assert.StartsWith("flowchart TD\n", text, StringComparison.Ordinal);
        var ids = Graph.AllNodes().Select((n, i) => (n, Id: $"n{i}")).ToList();
        foreach (var (node, id) in ids)
            Assert.Contains(node.Group is null ? $"  {id}" : $"subgraph {id} [", text, StringComparison.Ordinal);
        var edgeLines = text.Split('\n').Where(l => l.Contains("-->", StringComparison.Ordinal) || l.Contains("-.->", StringComparison.Ordinal)).ToList();
        foreach (var e in Graph.AllEdges())
        {
            var from = ids.Single(x => x.n.Id == e.From).Id;
            var to = ids.Single(x => x.n.Id == e.To).Id;
            Assert.Contains(edgeLines, l => l.TrimStart().StartsWith(from + " ", StringComparison.Ordinal) && l.EndsWith(" " + to, StringComparison.Ordinal));
        }

        Assert.Contains("n0 -->|\"$.total #gt; 100\"| n1", text, StringComparison.Ordinal);
        Assert.Contains("n1 -.->|\"catch: Declined, States.Timeout\"| n9", text, StringComparison.Ordinal);
        Assert.Contains("subgraph n2_b1 [\"Branch 2\"]", text, StringComparison.Ordinal);
        Assert.Equal(text.Split('\n').Count(l => l.TrimStart().StartsWith("subgraph ", StringComparison.Ordinal)), text.Split('\n').Count(l => l.Trim() == "end"));
    }

    [Fact]
    public void ToDot_HasEveryNodeEdgeAndCluster()
    {
        var text = Graph.ToDot();
        Assert.StartsWith("digraph workflow {", text, StringComparison.Ordinal);
        foreach (var node in Graph.AllNodes())
            Assert.Contains($"\"{node.Id}\" [label=\"{node.Name}\\n", text, StringComparison.Ordinal);
        foreach (var e in Graph.AllEdges())
            Assert.Contains($"\"{e.From}\" -> \"{e.To}\"", text, StringComparison.Ordinal);
        Assert.Contains("subgraph \"cluster_Par\" {", text, StringComparison.Ordinal);
        Assert.Contains("subgraph \"cluster_Par#1\" {", text, StringComparison.Ordinal);
        Assert.Contains("\"Par\" -> \"Done\" [ltail=\"cluster_Par\"]", text, StringComparison.Ordinal);
        Assert.Equal(text.Count(c => c == '{'), text.Count(c => c == '}'));
    }

    [GeneratedRegex(@"translate\(([-\d.]+),([-\d.]+)\)")]
    private static partial Regex Translate();

    [GeneratedRegex(@"([-\d.]+),([-\d.]+)")]
    private static partial Regex Points();
}
