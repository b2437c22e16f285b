using System.Globalization;

namespace Quickstep.Graph.Export;

/// <summary>
/// Writes a Mermaid flowchart: one node per state (ids n0, n1, … in definition order, labels with
/// name, type and detail), a subgraph per Parallel/Map state with one nested subgraph per branch.
/// </summary>
internal sealed class MermaidWriter : ScopeTextWriter
{
    private readonly Dictionary<string, string> _ids = new(StringComparer.Ordinal);

    public static string Write(WorkflowGraph graph)
    {
        var w = new MermaidWriter();
        var i = 0;
        foreach (var node in graph.AllNodes())
            w._ids[node.Id] = "n" + (i++).ToString(CultureInfo.InvariantCulture);
        w.Text.Append("flowchart TD\n");
        w.Scope(graph.Root, "  ");
        w.Text.Append("  classDef fail stroke:#cf222e,stroke-width:2px\n");
        w.Text.Append("  classDef succeed stroke:#1a7f37,stroke-width:2px\n");
        foreach (var node in graph.AllNodes().Where(n => n.Type is "Fail" or "Succeed"))
            w.Text.Append(CultureInfo.InvariantCulture, $"  class {w._ids[node.Id]} {node.Type.ToLowerInvariant()}\n");
        return w.Text.ToString();
    }

    protected override string StartMarker(string indent, int number, string startAt)
    {
        var start = "start" + number.ToString(CultureInfo.InvariantCulture);
        Text.Append(CultureInfo.InvariantCulture, $"{indent}{start}((\" \")) --> {_ids[startAt]}\n");
        return start;
    }

    /// <summary>Nothing: the start marker's own line draws the edge.</summary>
    protected override void StartEdge(string indent, string start, string startAt)
    {
    }

    protected override void Edge(string indent, GraphEdge edge)
    {
        var arrow = edge.Kind is GraphEdgeKind.Catch or GraphEdgeKind.Default ? "-.->" : "-->";
        var label = edge.Kind == GraphEdgeKind.Default ? "default" : edge.Kind == GraphEdgeKind.Catch ? "catch: " + edge.Label : edge.Label;
        Text.Append(CultureInfo.InvariantCulture, $"{indent}{_ids[edge.From]} {arrow}");
        if (label is not null)
            Text.Append(CultureInfo.InvariantCulture, $"|\"{Esc(label)}\"|");
        Text.Append(CultureInfo.InvariantCulture, $" {_ids[edge.To]}\n");
    }

    protected override string EndMarker(string indent, int number)
    {
        var end = "stop" + number.ToString(CultureInfo.InvariantCulture);
        Text.Append(CultureInfo.InvariantCulture, $"{indent}{end}(((\" \")))\n");
        return end;
    }

    protected override void EndEdge(string indent, string from, string end) =>
        Text.Append(CultureInfo.InvariantCulture, $"{indent}{_ids[from]} --> {end}\n");

    protected override void Node(GraphNode node, string indent)
    {
        var id = _ids[node.Id];
        var label = Label(node);
        if (node.Group is null)
        {
            var (open, close) = node.Type switch
            {
                "Choice" => ("{", "}"),
                "Succeed" or "Fail" => ("([", "])"),
                "Wait" => ("[/", "/]"),
                _ => ("[", "]"),
            };
            Text.Append(CultureInfo.InvariantCulture, $"{indent}{id}{open}\"{label}\"{close}\n");
            return;
        }

        Text.Append(CultureInfo.InvariantCulture, $"{indent}subgraph {id} [\"{label}\"]\n");
        var inner = indent + "  ";
        if (node.Group.Kind == GraphGroupKind.Map)
        {
            Scope(node.Group.Branches[0], inner);
        }
        else
        {
            for (var i = 0; i < node.Group.Branches.Count; i++)
            {
                Text.Append(CultureInfo.InvariantCulture, $"{inner}subgraph {id}_b{i} [\"Branch {i + 1}\"]\n");
                Scope(node.Group.Branches[i], inner + "  ");
                Text.Append(CultureInfo.InvariantCulture, $"{inner}end\n");
            }
        }

        Text.Append(CultureInfo.InvariantCulture, $"{indent}end\n");
    }

    private static string Label(GraphNode node)
    {
        var label = $"<b>{Esc(node.Name)}</b><br/>{Esc(SvgLayout.SubLine(node))}";
        return node.Retry is { } retry ? label + "<br/>" + Esc(retry) : label;
    }

    /// <summary>Mermaid entity codes for characters that would end a quoted label or be read as markup.</summary>
    private static string Esc(string text) => text
        .Replace("&", "#amp;", StringComparison.Ordinal)
        .Replace("\"", "#quot;", StringComparison.Ordinal)
        .Replace("<", "#lt;", StringComparison.Ordinal)
        .Replace(">", "#gt;", StringComparison.Ordinal)
        .Replace("|", "#124;", StringComparison.Ordinal);
}
