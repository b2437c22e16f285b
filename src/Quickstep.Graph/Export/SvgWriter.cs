using System.Globalization;
using System.Text;

namespace Quickstep.Graph.Export;

/// <summary>
/// Draws a laid-out graph as one self-contained SVG: no scripts, no external fonts or images. Every
/// state is a &lt;g&gt; with data-state-id (its path id); a group's branches are nested inside it.
/// </summary>
internal sealed class SvgWriter
{
    private const double Margin = 20;
    private const string Style = """
        .node rect, .group > rect { fill: #ffffff; stroke: #57606a; stroke-width: 1.2; }
        .node.Choice rect { fill: #fff8c5; }
        .node.Succeed rect { stroke: #1a7f37; stroke-width: 2; }
        .node.Fail rect { stroke: #cf222e; stroke-width: 2; }
        .node.Wait rect { fill: #f6f8fa; }
        .group > rect { fill: #f6f8fa; }
        .branch > rect { fill: #ffffff; stroke: #8c959f; stroke-dasharray: 4 3; }
        .status-succeeded > rect { fill: #dafbe1; stroke: #1a7f37; }
        .status-failed > rect { fill: #ffebe9; stroke: #cf222e; stroke-width: 2.5; }
        .status-caught > rect { fill: #fff1e5; stroke: #bc4c00; stroke-width: 2; }
        .status-inProgress > rect { fill: #ddf4ff; stroke: #0969da; stroke-width: 2.5; }
        .status-aborted > rect { fill: #eaeef2; stroke: #6e7781; }
        .status-notRun > rect { opacity: 0.55; }
        text { font-family: sans-serif; fill: #1f2328; }
        .name { font-size: 13px; font-weight: bold; }
        .sub, .retry, .branch-title, .label { font-size: 11px; }
        .sub, .branch-title { fill: #57606a; }
        .retry { fill: #8250df; }
        .edge path { fill: none; stroke: #57606a; stroke-width: 1.3; }
        .edge.choice path { stroke: #0969da; }
        .edge.default path { stroke: #0969da; stroke-dasharray: 5 3; }
        .edge.catch path { stroke: #cf222e; stroke-dasharray: 5 3; }
        .edge.taken path { stroke-width: 3; }
        .edge .label-bg { fill: #ffffff; opacity: 0.9; }
        .edge.catch .label { fill: #cf222e; }
        .edge.choice .label, .edge.default .label { fill: #0969da; }
        .marker-start { fill: #1f2328; }
        .marker-end { fill: #ffffff; stroke: #1f2328; stroke-width: 3; }
        """;

    private readonly StringBuilder _sb = new();
    private readonly ExecutionOverlay? _overlay;
    private readonly HashSet<(string, string)> _taken = [];

    private SvgWriter(ExecutionOverlay? overlay)
    {
        _overlay = overlay;
        foreach (var e in overlay?.Edges ?? [])
            _taken.Add((e.From, e.To));
    }

    public static string Write(WorkflowGraph graph, ExecutionOverlay? overlay)
    {
        var root = SvgLayout.Lay(graph.Root);
        var writer = new SvgWriter(overlay);
        var width = root.Width + (2 * Margin) + 20;
        var height = root.Height + (2 * Margin);
        var sb = writer._sb;
        sb.Append(CultureInfo.InvariantCulture, $"""<svg xmlns="http://www.w3.org/2000/svg" width="{N(width)}" height="{N(height)}" viewBox="0 0 {N(width)} {N(height)}" role="img" data-start="{Esc(graph.StartAt)}">""").Append('\n');
        sb.Append("<title>Workflow graph</title>\n");
        sb.Append("<defs>");
        foreach (var (id, color) in new[] { ("arrow", "#57606a"), ("arrow-choice", "#0969da"), ("arrow-catch", "#cf222e") })
            sb.Append(CultureInfo.InvariantCulture, $"""<marker id="{id}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="{color}"/></marker>""");
        sb.Append("</defs>\n<style>").Append(Style).Append("</style>\n");
        sb.Append(CultureInfo.InvariantCulture, $"""<g class="scope root" transform="translate({N(Margin)},{N(Margin)})">""").Append('\n');
        writer.Scope(root);
        sb.Append("</g>\n</svg>\n");
        return sb.ToString();
    }

    private void Scope(ScopeBox box)
    {
        _sb.Append(CultureInfo.InvariantCulture, $"""<circle class="marker-start" cx="{N(box.Start.X)}" cy="{N(box.Start.Y)}" r="7"><title>Start</title></circle>""").Append('\n');
        if (box.End is { } end)
            _sb.Append(CultureInfo.InvariantCulture, $"""<circle class="marker-end" cx="{N(end.X)}" cy="{N(end.Y)}" r="7"><title>End</title></circle>""").Append('\n');
        foreach (var node in box.Nodes)
            Node(node);

        // Edges after nodes, so labels are never hidden; the layout keeps lines off the nodes.
        foreach (var line in box.Edges)
            Edge(line);
    }

    private void Node(NodeBox box)
    {
        var node = box.Node;
        var status = _overlay is not null && _overlay.Nodes.TryGetValue(node.Id, out var o) ? " status-" + o.Status.ToName() : "";
        var kind = node.Group is null ? "node" : "group";
        _sb.Append(CultureInfo.InvariantCulture, $"""<g class="{kind} {node.Type}{status}" data-state-id="{Esc(node.Id)}" data-type="{node.Type}" transform="translate({N(box.X)},{N(box.Y)})">""").Append('\n');
        _sb.Append(CultureInfo.InvariantCulture, $"<title>{Esc(Tooltip(node))}</title>");
        _sb.Append(CultureInfo.InvariantCulture, $"""<rect width="{N(box.Width)}" height="{N(box.Height)}" rx="{(node.Type is "Succeed" or "Fail" ? 14 : 6)}"/>""");
        var cx = box.Width / 2;
        var y = SvgLayout.Padding + 12;
        Text(cx, y, "name", node.Name);
        y += SvgLayout.LineHeight;
        Text(cx, y, "sub", SvgLayout.SubLine(node));
        if (node.Retry is { } retry)
        {
            y += SvgLayout.LineHeight;
            Text(cx, y, "retry", "↻ " + retry);
        }

        _sb.Append('\n');
        for (var i = 0; i < box.Branches.Count; i++)
        {
            var (scope, bx, by, bw, bh) = box.Branches[i];
            var title = node.Group!.Kind == GraphGroupKind.Map ? "Item processor" : $"Branch {i + 1}";
            _sb.Append(CultureInfo.InvariantCulture, $"""<g class="branch" data-branch="{i}" transform="translate({N(bx)},{N(by)})"><rect width="{N(bw)}" height="{N(bh)}" rx="6"/>""");
            Text(SvgLayout.BranchPadding, SvgLayout.BranchPadding + 6, "branch-title", title, "start");
            _sb.Append(CultureInfo.InvariantCulture, $"""<g class="scope" transform="translate({N(SvgLayout.BranchPadding + ((bw - (2 * SvgLayout.BranchPadding) - scope.Width) / 2))},{N(SvgLayout.BranchPadding + SvgLayout.BranchTitle)})">""").Append('\n');
            Scope(scope);
            _sb.Append("</g></g>\n");
        }

        _sb.Append("</g>\n");
    }

    private void Edge(EdgeLine line)
    {
        var e = line.Edge;
        var kind = e?.KindName ?? "marker";
        var taken = e is not null && _taken.Contains((e.From, e.To)) ? " taken" : "";
        var marker = e?.Kind switch
        {
            GraphEdgeKind.Choice or GraphEdgeKind.Default => "arrow-choice",
            GraphEdgeKind.Catch => "arrow-catch",
            _ => "arrow",
        };
        _sb.Append(CultureInfo.InvariantCulture, $"""<g class="edge {kind}{taken}{(line.Back ? " back" : "")}" """);
        if (e is not null)
            _sb.Append(CultureInfo.InvariantCulture, $"""data-from="{Esc(e.From)}" data-to="{Esc(e.To)}" data-kind="{kind}" """);
        _sb.Append("><path d=\"");
        var points = line.Points;
        for (var i = 0; i < points.Count; i++)
            _sb.Append(i == 0 ? "M" : " L").Append(N(points[i].X)).Append(',').Append(N(points[i].Y));
        _sb.Append(CultureInfo.InvariantCulture, $"\" marker-end=\"url(#{marker})\"/>");
        var label = SvgLayout.Label(e);
        if (label is not null && points.Count >= 2)
        {
            var (x, y) = line.LabelAt ?? Midpoint(points);
            var w = SvgLayout.TextWidth(label, SvgLayout.SmallSize) + 6;
            _sb.Append(CultureInfo.InvariantCulture, $"""<rect class="label-bg" x="{N(x - (w / 2))}" y="{N(y - 8)}" width="{N(w)}" height="14" rx="3"/>""");
            Text(x, y + 3, "label", label);
        }

        _sb.Append("</g>\n");
    }

    /// <summary>The point halfway along a polyline, where its label goes.</summary>
    private static (double X, double Y) Midpoint(IReadOnlyList<(double X, double Y)> points)
    {
        var total = 0.0;
        for (var i = 1; i < points.Count; i++)
            total += Distance(points[i - 1], points[i]);
        var half = total / 2;
        for (var i = 1; i < points.Count; i++)
        {
            var d = Distance(points[i - 1], points[i]);
            if (half <= d && d > 0)
            {
                var t = half / d;
                return (points[i - 1].X + ((points[i].X - points[i - 1].X) * t), points[i - 1].Y + ((points[i].Y - points[i - 1].Y) * t));
            }

            half -= d;
        }

        return points[^1];
    }

    private static double Distance((double X, double Y) a, (double X, double Y) b) => Math.Sqrt(((a.X - b.X) * (a.X - b.X)) + ((a.Y - b.Y) * (a.Y - b.Y)));

    private void Text(double x, double y, string cls, string text, string anchor = "middle") =>
        _sb.Append(CultureInfo.InvariantCulture, $"""<text class="{cls}" x="{N(x)}" y="{N(y)}" text-anchor="{anchor}">{Esc(text)}</text>""");

    private string Tooltip(GraphNode node)
    {
        var text = $"{node.Name} ({node.Type})";
        if (_overlay is not null && _overlay.Nodes.TryGetValue(node.Id, out var o))
        {
            text += ": " + o.Status.ToName();
            if (o.Error is not null)
                text += $" — {o.Error}: {o.Cause}";
        }

        return text;
    }

    private static string N(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);

    /// <summary>Escapes text for XML content and attributes; drops characters XML 1.0 cannot hold.</summary>
    private static string Esc(string text)
    {
        var sb = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            switch (c)
            {
                case '&': sb.Append("&amp;"); break;
                case '<': sb.Append("&lt;"); break;
                case '>': sb.Append("&gt;"); break;
                case '"': sb.Append("&quot;"); break;
                case '\'': sb.Append("&apos;"); break;
                default:
                    if (c >= 0x20 || c is '\t' or '\n' or '\r')
                        sb.Append(c);
                    break;
            }
        }

        return sb.ToString();
    }
}
