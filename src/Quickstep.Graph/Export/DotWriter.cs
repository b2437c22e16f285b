using System.Globalization;

namespace Quickstep.Graph.Export;

/// <summary>
/// Writes Graphviz DOT: nodes keyed by their path ids, a cluster per Parallel/Map state (its own node
/// inside it as the header) with one cluster per branch; edges into and out of a group are clipped at
/// its cluster (compound=true).
/// </summary>
internal sealed class DotWriter : ScopeTextWriter
{
    private readonly Dictionary<string, GraphNode> _groups = new(StringComparer.Ordinal);

    public static string Write(WorkflowGraph graph)
    {
        var w = new DotWriter();
        foreach (var node in graph.AllNodes().Where(n => n.Group is not null))
            w._groups[node.Id] = node;
        w.Text.Append("digraph workflow {\n");
        w.Text.Append("  compound=true;\n  rankdir=TB;\n  fontname=\"Helvetica\";\n");
        w.Text.Append("  node [shape=box, style=\"rounded,filled\", fillcolor=\"#ffffff\", fontname=\"Helvetica\", fontsize=11];\n");
        w.Text.Append("  edge [fontname=\"Helvetica\", fontsize=10, color=\"#57606a\"];\n");
        w.Scope(graph.Root, "  ");
        w.Text.Append("}\n");
        return w.Text.ToString();
    }

    protected override string StartMarker(string indent, int number, string startAt)
    {
        var start = "__start" + number.ToString(CultureInfo.InvariantCulture);
        Text.Append(CultureInfo.InvariantCulture, $"{indent}{Q(start)} [shape=circle, label=\"\", width=0.18, style=filled, fillcolor=\"#1f2328\"];\n");
        return start;
    }

    protected override void StartEdge(string indent, string start, string startAt) => Edge(indent, start, startAt, "");

    protected override void Edge(string indent, GraphEdge edge)
    {
        var attrs = new List<string>();
        var label = edge.Kind == GraphEdgeKind.Default ? "default" : edge.Label;
        if (label is not null)
            attrs.Add($"label={Q(label)}");
        switch (edge.Kind)
        {
            case GraphEdgeKind.Choice:
                attrs.Add("color=\"#0969da\"");
                break;
            case GraphEdgeKind.Default:
                attrs.Add("color=\"#0969da\", style=dashed");
                break;
            case GraphEdgeKind.Catch:
                attrs.Add("color=\"#cf222e\", fontcolor=\"#cf222e\", style=dashed");
                break;
        }

        Edge(indent, edge.From, edge.To, string.Join(", ", attrs));
    }

    protected override string EndMarker(string indent, int number)
    {
        var end = "__end" + number.ToString(CultureInfo.InvariantCulture);
        Text.Append(CultureInfo.InvariantCulture, $"{indent}{Q(end)} [shape=doublecircle, label=\"\", width=0.14, style=filled, fillcolor=\"#ffffff\"];\n");
        return end;
    }

    protected override void EndEdge(string indent, string from, string end) => Edge(indent, from, end, "");

    private void Edge(string indent, string from, string to, string attrs)
    {
        var all = new List<string>();
        if (_groups.ContainsKey(from))
            all.Add($"ltail={Q("cluster_" + from)}");
        if (_groups.ContainsKey(to))
            all.Add($"lhead={Q("cluster_" + to)}");
        if (attrs.Length > 0)
            all.Add(attrs);
        Text.Append(CultureInfo.InvariantCulture, $"{indent}{Q(from)} -> {Q(to)}");
        if (all.Count > 0)
            Text.Append(" [").Append(string.Join(", ", all)).Append(']');
        Text.Append(";\n");
    }

    protected override void Node(GraphNode node, string indent)
    {
        var label = node.Name + "\n" + SvgLayout.SubLine(node) + (node.Retry is { } r ? "\n" + r : "");
        var shape = node.Type switch
        {
            "Choice" => ", shape=diamond, fillcolor=\"#fff8c5\"",
            "Succeed" => ", color=\"#1a7f37\", penwidth=2",
            "Fail" => ", color=\"#cf222e\", penwidth=2",
            _ => "",
        };
        if (node.Group is null)
        {
            Text.Append(CultureInfo.InvariantCulture, $"{indent}{Q(node.Id)} [label={Q(label)}{shape}];\n");
            return;
        }

        var inner = indent + "  ";
        Text.Append(CultureInfo.InvariantCulture, $"{indent}subgraph {Q("cluster_" + node.Id)} {{\n");
        Text.Append(CultureInfo.InvariantCulture, $"{inner}label=\"\";\n{inner}style=\"rounded,filled\";\n{inner}fillcolor=\"#f6f8fa\";\n{inner}color=\"#57606a\";\n");
        Text.Append(CultureInfo.InvariantCulture, $"{inner}{Q(node.Id)} [label={Q(label)}, shape=box, style=\"filled\", fillcolor=\"#f6f8fa\", color=\"#f6f8fa\"];\n");
        for (var i = 0; i < node.Group.Branches.Count; i++)
        {
            var branch = node.Group.Branches[i];
            var title = node.Group.Kind == GraphGroupKind.Map ? "Item processor" : $"Branch {i + 1}";
            Text.Append(CultureInfo.InvariantCulture, $"{inner}subgraph {Q($"cluster_{node.Id}#{i}")} {{\n");
            Text.Append(CultureInfo.InvariantCulture, $"{inner}  label={Q(title)};\n{inner}  fontsize=10;\n{inner}  style=\"rounded,dashed,filled\";\n{inner}  fillcolor=\"#ffffff\";\n");
            var start = Scope(branch, inner + "  ");
            Text.Append(CultureInfo.InvariantCulture, $"{inner}}}\n");

            // Keeps the branches below the group's header.
            Text.Append(CultureInfo.InvariantCulture, $"{inner}{Q(node.Id)} -> {Q(start)} [style=invis];\n");
        }

        Text.Append(CultureInfo.InvariantCulture, $"{indent}}}\n");
    }

    /// <summary>A DOT quoted string (ids and labels), "\n" as a centered line break.</summary>
    private static string Q(string text) => "\"" + text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal) + "\"";
}
