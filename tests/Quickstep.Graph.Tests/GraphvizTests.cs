using System.Diagnostics;
using System.Xml.Linq;

namespace Quickstep.Graph.Tests;

/// <summary>The DOT export read by Graphviz itself (scripts/test.sh installs Debian's graphviz).</summary>
public sealed class GraphvizTests
{
    [Fact]
    public async Task ToDot_GraphvizRendersEveryNodeAndEdge()
    {
        var graph = WorkflowGraph.FromDefinition(Definitions.Everything);
        var start = new ProcessStartInfo("dot", "-Tsvg") { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException("Graphviz's dot is needed (apt-get install graphviz; scripts/test.sh installs it)", e);
        }

        using (process)
        {
            await process.StandardInput.WriteAsync(graph.ToDot());
            process.StandardInput.Close();
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = await process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            Assert.True(process.ExitCode == 0, stderr);
            Assert.Equal("", stderr);

            // Graphviz titles each node <g class="node"> with its id and each edge with "from->to".
            using var reader = System.Xml.XmlReader.Create(new StringReader(await stdout), new System.Xml.XmlReaderSettings { DtdProcessing = System.Xml.DtdProcessing.Ignore });
            var svg = XDocument.Load(reader);
            string[] Titles(string cls) => [.. svg.Descendants().Where(e => e.Attribute("class")?.Value == cls)
                .Select(e => e.Elements().First(c => c.Name.LocalName == "title").Value)];
            var nodes = Titles("node");
            foreach (var node in graph.AllNodes())
                Assert.Contains(node.Id, nodes);
            var edges = Titles("edge");
            foreach (var edge in graph.AllEdges())
                Assert.Contains($"{edge.From}->{edge.To}", edges);
            Assert.Equal(2, svg.Descendants().Count(e => e.Attribute("class")?.Value == "cluster" && e.Elements().First(c => c.Name.LocalName == "title").Value.StartsWith("cluster_Par#", StringComparison.Ordinal)));
        }
    }
}
