using Quickstep.Graph.Layout;

namespace Quickstep.Graph.Export;

/// <summary>Sizes nodes from their text and lays out every scope, innermost groups first.</summary>
internal static class SvgLayout
{
    public const double NameSize = 13;
    public const double SmallSize = 11;
    public const double LineHeight = 15;
    public const double Padding = 10;
    public const double MarkerSize = 16;
    public const double BranchPadding = 12;
    public const double BranchTitle = 18;
    public const double BranchGap = 16;
    private const double RankGap = 22;
    private const double MinWidth = 110;

    /// <summary>Estimated width of <paramref name="text"/> in a sans-serif font (no font is loaded, so this is an average).</summary>
    public static double TextWidth(string text, double size, bool bold = false) => text.Length * size * (bold ? 0.62 : 0.56);

    public static string SubLine(GraphNode node) => node.Detail.Length == 0 ? node.Type : $"{node.Type} · {node.Detail}";

    /// <summary>The height of a node's text block (name, type and detail, retry).</summary>
    public static double TextHeight(GraphNode node) => (2 * Padding) + LineHeight + LineHeight + (node.Retry is null ? 0 : LineHeight);

    public static ScopeBox Lay(GraphScope scope)
    {
        var boxes = scope.Nodes.Select(Size).ToList();
        var count = boxes.Count;
        var start = count;
        var end = count + 1;
        var hasEnd = scope.Nodes.Any(n => n.End);
        var widths = boxes.Select(b => b.Width).Append(MarkerSize).Append(MarkerSize).ToList();
        var heights = boxes.Select(b => b.Height).Append(MarkerSize).Append(MarkerSize).ToList();
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < count; i++)
            index[scope.Nodes[i].Id] = i;

        var edges = new List<(int, int)>();
        var lines = new List<GraphEdge?>();
        foreach (var e in scope.Edges)
        {
            if (index.TryGetValue(e.From, out var from) && index.TryGetValue(e.To, out var to))
            {
                edges.Add((from, to));
                lines.Add(e);
            }
        }

        if (index.TryGetValue(scope.StartAt, out var first))
        {
            edges.Add((start, first));
            lines.Add(null);
        }

        for (var i = 0; i < count; i++)
        {
            if (scope.Nodes[i].End)
            {
                edges.Add((i, end));
                lines.Add(null);
            }
        }

        if (!hasEnd)
        {
            // No end state (an endless loop): keep the end marker out of the drawing.
            widths[end] = 0;
            heights[end] = 0;
        }

        var labels = lines.Select(l => Label(l) is { } text ? (TextWidth(text, SmallSize) + 8, 14.0) : ((double, double)?)null).ToList();
        var layout = new LayeredLayout(widths, heights, edges, labels, start, RankGap);
        var nodes = new List<NodeBox>(count);
        for (var i = 0; i < count; i++)
            nodes.Add(boxes[i] with { X = layout.X[i], Y = layout.Y[i] });
        var routed = new List<EdgeLine>(lines.Count);
        for (var e = 0; e < lines.Count; e++)
            routed.Add(new EdgeLine(lines[e], Spread(layout.EdgePoints[e], lines, edges, e), layout.Reversed[e], layout.LabelCenters[e]));

        return new ScopeBox
        {
            Scope = scope,
            Width = layout.Width + 24,
            Height = layout.Height,
            Nodes = nodes,
            Start = (layout.X[start] + (MarkerSize / 2), layout.Y[start] + (MarkerSize / 2)),
            End = hasEnd ? (layout.X[end] + (MarkerSize / 2), layout.Y[end] + (MarkerSize / 2)) : null,
            Edges = routed,
        };
    }

    /// <summary>The text drawn on an edge: the rule or caught errors, "default" for a Choice's Default.</summary>
    public static string? Label(GraphEdge? edge) => edge?.Kind == GraphEdgeKind.Default ? "default" : edge?.Label;

    /// <summary>Edges joining the same two nodes (a rule and the default to one state) are drawn side by side.</summary>
    private static List<(double X, double Y)> Spread(List<(double X, double Y)> points, List<GraphEdge?> lines, List<(int From, int To)> edges, int e)
    {
        var same = Enumerable.Range(0, edges.Count).Where(o => edges[o] == edges[e]).ToList();
        if (same.Count < 2)
            return points;
        var dx = (same.IndexOf(e) - ((same.Count - 1) / 2.0)) * 10;
        return [.. points.Select(p => (p.X + dx, p.Y))];
    }

    private static NodeBox Size(GraphNode node)
    {
        var textWidth = Math.Max(TextWidth(node.Name, NameSize, bold: true), TextWidth(SubLine(node), SmallSize));
        if (node.Retry is { } retry)
            textWidth = Math.Max(textWidth, TextWidth("↻ " + retry, SmallSize));
        var width = Math.Max(MinWidth, textWidth + (2 * Padding) + 8);
        var height = TextHeight(node);
        if (node.Group is null)
            return new NodeBox(node, 0, 0, width, height, []);

        var branches = new List<(ScopeBox, double, double, double, double)>();
        var x = BranchPadding;
        var tallest = 0.0;
        foreach (var scope in node.Group.Branches)
        {
            var box = Lay(scope);
            var frameWidth = Math.Max(box.Width, TextWidth("Item processor", SmallSize)) + (2 * BranchPadding);
            var frameHeight = box.Height + BranchTitle + (2 * BranchPadding);
            branches.Add((box, x, height, frameWidth, frameHeight));
            x += frameWidth + BranchGap;
            tallest = Math.Max(tallest, frameHeight);
        }

        var contentWidth = x - BranchGap + BranchPadding;
        var shift = Math.Max(0, (width - contentWidth) / 2);
        return new NodeBox(node, 0, 0, Math.Max(width, contentWidth), height + tallest + BranchPadding, [.. branches.Select(b => (b.Item1, b.Item2 + shift, b.Item3, b.Item4, b.Item5))]);
    }
}
