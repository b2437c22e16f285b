using System.Globalization;
using System.Text;

namespace Quickstep.Graph.Export;

/// <summary>
/// Writes a Mermaid flowchart: one node per state (ids n0, n1, … in definition order, labels with
/// name, type and detail), a subgraph per Parallel/Map state with one nested subgraph per branch.
/// </summary>
internal sealed class MermaidWriter
{
    private readonly StringBuilder _sb = new();
    private readonly Dictionary<string, string> _ids = new(StringComparer.Ordinal);
    private int _markers;

    public static string Write(WorkflowGraph graph)
    {
        var w = new MermaidWriter();
        var i = 0;
        foreach (var node in graph.AllNodes())
            w._ids[node.Id] = "n" + (i++).ToString(CultureInfo.InvariantCulture);
        w._sb.Append("flowchart TD\n");
        w.Scope(graph.Root, "  ");
        w._sb.Append("  classDef fail stroke:#cf222e,stroke-width:2px\n");
        w._sb.Append("  classDef succeed stroke:#1a7f37,stroke-width:2px\n");
        foreach (var node in graph.AllNodes().Where(n => n.Type is "Fail" or "Succeed"))
            w._sb.Append(CultureInfo.InvariantCulture, $"  class {w._ids[node.Id]} {node.Type.ToLowerInvariant()}\n");
        return w._sb.ToString();
    }

    private void Scope(GraphScope scope, string indent)
    {
        var start = "start" + (_markers++).ToString(CultureInfo.InvariantCulture);
        _sb.Append(CultureInfo.InvariantCulture, $"{indent}{start}((\" \")) --> {_ids[scope.StartAt]}\n");
        foreach (var node in scope.Nodes)
            Node(node, indent);
        foreach (var edge in scope.Edges)
        {
            var arrow = edge.Kind is GraphEdgeKind.Catch or GraphEdgeKind.Default ? "-.->" : "-->";
            var label = edge.Kind == GraphEdgeKind.Default ? "default" : edge.Kind == GraphEdgeKind.Catch ? "catch: " + edge.Label : edge.Label;
            _sb.Append(CultureInfo.InvariantCulture, $"{indent}{_ids[edge.From]} {arrow}");
            if (label is not null)
                _sb.Append(CultureInfo.InvariantCulture, $"|\"{Esc(label)}\"|");
            _sb.Append(CultureInfo.InvariantCulture, $" {_ids[edge.To]}\n");
        }

        var ends = scope.Nodes.Where(n => n.End).ToList();
        if (ends.Count > 0)
        {
            var end = "stop" + (_markers++).ToString(CultureInfo.InvariantCulture);
            _sb.Append(CultureInfo.InvariantCulture, $"{indent}{end}(((\" \")))\n");
            foreach (var node in ends)
                _sb.Append(CultureInfo.InvariantCulture, $"{indent}{_ids[node.Id]} --> {end}\n");
        }
    }

    private void Node(GraphNode node, string indent)
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
            _sb.Append(CultureInfo.InvariantCulture, $"{indent}{id}{open}\"{label}\"{close}\n");
            return;
        }

        _sb.Append(CultureInfo.InvariantCulture, $"{indent}subgraph {id} [\"{label}\"]\n");
        var inner = indent + "  ";
        if (node.Group.Kind == GraphGroupKind.Map)
        {
            Scope(node.Group.Branches[0], inner);
        }
        else
        {
            for (var i = 0; i < node.Group.Branches.Count; i++)
            {
                _sb.Append(CultureInfo.InvariantCulture, $"{inner}subgraph {id}_b{i} [\"Branch {i + 1}\"]\n");
                Scope(node.Group.Branches[i], inner + "  ");
                _sb.Append(CultureInfo.InvariantCulture, $"{inner}end\n");
            }
        }

        _sb.Append(CultureInfo.InvariantCulture, $"{indent}end\n");
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
