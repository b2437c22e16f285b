namespace Quickstep.Graph.Layout;

/// <summary>
/// A layered (Sugiyama-style) layout of one scope: back edges reversed, ranks by longest path from the
/// start, long edges split by dummy vertices, crossings reduced by barycenter sweeps, and x positions
/// pulled toward neighbours under order and spacing constraints (pool-adjacent-violators). Every edge
/// spans two ranks at least so that its label gets a vertex of its own in the rank between (as dagre does).
/// </summary>
internal sealed class LayeredLayout
{
    private const double NodeGap = 28;
    private const double DummyGap = 12;
    private const double DummyWidth = 8;
    private const int Sweeps = 12;

    private readonly int _real;
    private readonly List<double> _w;
    private readonly List<double> _h;
    private readonly List<List<int>> _succ = [];
    private readonly List<List<int>> _pred = [];
    private readonly List<int> _rank = [];
    private readonly List<List<int>> _chains = [];
    private readonly List<bool> _reversed = [];
    private readonly List<int> _labelVertex = [];
    private readonly double _rankGap;
    private List<List<int>> _layers = [];
    private double[] _x = [];

    /// <param name="widths">Each vertex's width.</param>
    /// <param name="heights">Each vertex's height.</param>
    /// <param name="edges">Edges by vertex index, drawn in this order.</param>
    /// <param name="root">The vertex ranks start from (the scope's start marker).</param>
    /// <param name="labels">Each edge's label size, or null for an unlabelled edge.</param>
    /// <param name="rankGap">Vertical space between ranks.</param>
    public LayeredLayout(IReadOnlyList<double> widths, IReadOnlyList<double> heights, IReadOnlyList<(int From, int To)> edges, IReadOnlyList<(double Width, double Height)?> labels, int root, double rankGap)
    {
        _real = widths.Count;
        _w = [.. widths];
        _h = [.. heights];
        _rankGap = rankGap;
        for (var i = 0; i < _real; i++)
        {
            _succ.Add([]);
            _pred.Add([]);
        }

        var back = BackEdges(edges, root);
        Rank(edges, back);
        Split(edges, labels, back);
        Order(root);
        Place();
    }

    /// <summary>Left x of each real vertex.</summary>
    public double[] X { get; private set; } = [];

    /// <summary>Top y of each real vertex.</summary>
    public double[] Y { get; private set; } = [];

    public double Width { get; private set; }

    public double Height { get; private set; }

    /// <summary>Each edge's polyline from its source to its target (a self-loop gets a small loop on the right).</summary>
    public List<List<(double X, double Y)>> EdgePoints { get; } = [];

    /// <summary>Whether each edge points upward (a back edge, e.g. a retry loop).</summary>
    public IReadOnlyList<bool> Reversed => _reversed;

    /// <summary>The center of each edge's label, or null for an unlabelled edge.</summary>
    public List<(double X, double Y)?> LabelCenters { get; } = [];

    /// <summary>Edges that close a cycle, found by depth-first search from the root, then from any vertex not reached.</summary>
    private HashSet<int> BackEdges(IReadOnlyList<(int From, int To)> edges, int root)
    {
        var outgoing = new List<int>[_real];
        for (var i = 0; i < _real; i++)
            outgoing[i] = [];
        for (var e = 0; e < edges.Count; e++)
            outgoing[edges[e].From].Add(e);

        var state = new byte[_real];
        var back = new HashSet<int>();
        var stack = new Stack<(int Vertex, int Next)>();
        foreach (var start in new[] { root }.Concat(Enumerable.Range(0, _real)))
        {
            if (state[start] != 0)
                continue;
            state[start] = 1;
            stack.Push((start, 0));
            while (stack.Count > 0)
            {
                var (v, next) = stack.Pop();
                if (next < outgoing[v].Count)
                {
                    stack.Push((v, next + 1));
                    var e = outgoing[v][next];
                    var to = edges[e].To;
                    if (state[to] == 1)
                    {
                        back.Add(e);
                    }
                    else if (state[to] == 0)
                    {
                        state[to] = 1;
                        stack.Push((to, 0));
                    }
                }
                else
                {
                    state[v] = 2;
                }
            }
        }

        return back;
    }

    private void Rank(IReadOnlyList<(int From, int To)> edges, HashSet<int> back)
    {
        var indegree = new int[_real];
        var forward = new List<int>[_real];
        for (var i = 0; i < _real; i++)
            forward[i] = [];
        for (var e = 0; e < edges.Count; e++)
        {
            var (from, to) = edges[e];
            if (from == to)
                continue;
            if (back.Contains(e))
                (from, to) = (to, from);
            forward[from].Add(to);
            indegree[to]++;
        }

        var rank = new int[_real];
        var queue = new Queue<int>(Enumerable.Range(0, _real).Where(v => indegree[v] == 0));
        while (queue.Count > 0)
        {
            var v = queue.Dequeue();
            foreach (var to in forward[v])
            {
                rank[to] = Math.Max(rank[to], rank[v] + 2);
                if (--indegree[to] == 0)
                    queue.Enqueue(to);
            }
        }

        _rank.AddRange(rank);
    }

    /// <summary>Adds dummy vertices so every edge joins adjacent ranks; records each edge's vertex chain top to bottom.</summary>
    private void Split(IReadOnlyList<(int From, int To)> edges, IReadOnlyList<(double Width, double Height)?> labels, HashSet<int> back)
    {
        for (var e = 0; e < edges.Count; e++)
        {
            var (from, to) = edges[e];
            var reversed = back.Contains(e);
            _reversed.Add(reversed);
            _labelVertex.Add(-1);
            if (from == to)
            {
                _chains.Add([from]);
                continue;
            }

            if (reversed)
                (from, to) = (to, from);
            var chain = new List<int> { from };
            var previous = from;
            for (var r = _rank[from] + 1; r < _rank[to]; r++)
            {
                var dummy = _w.Count;
                var label = r == _rank[from] + 1 ? labels[e] : null;
                _w.Add(label?.Width ?? DummyWidth);
                _h.Add(label?.Height ?? 0);
                if (label is not null)
                    _labelVertex[e] = dummy;
                _rank.Add(r);
                _succ.Add([]);
                _pred.Add([]);
                Link(previous, dummy);
                chain.Add(dummy);
                previous = dummy;
            }

            Link(previous, to);
            chain.Add(to);
            _chains.Add(chain);
        }
    }

    private void Link(int from, int to)
    {
        _succ[from].Add(to);
        _pred[to].Add(from);
    }

    private void Order(int root)
    {
        var ranks = _rank.Count == 0 ? 0 : _rank.Max() + 1;
        _layers = [.. Enumerable.Range(0, ranks).Select(_ => new List<int>())];

        // Initial order: depth-first discovery from the root keeps a branch's states together.
        var seen = new bool[_w.Count];
        var stack = new Stack<int>();
        foreach (var start in new[] { root }.Concat(Enumerable.Range(0, _w.Count)))
        {
            if (seen[start])
                continue;
            stack.Push(start);
            while (stack.Count > 0)
            {
                var v = stack.Pop();
                if (seen[v])
                    continue;
                seen[v] = true;
                _layers[_rank[v]].Add(v);
                for (var i = _succ[v].Count - 1; i >= 0; i--)
                    stack.Push(_succ[v][i]);
            }
        }

        var best = _layers.Select(l => l.ToList()).ToList();
        var bestCrossings = Crossings();
        for (var sweep = 0; sweep < Sweeps && bestCrossings > 0; sweep++)
        {
            var down = sweep % 2 == 0;
            for (var i = 1; i < _layers.Count; i++)
            {
                var r = down ? i : _layers.Count - 1 - i;
                Reorder(_layers[r], down ? _layers[r - 1] : _layers[r + 1], down ? _pred : _succ);
            }

            var crossings = Crossings();
            if (crossings < bestCrossings)
            {
                bestCrossings = crossings;
                best = _layers.Select(l => l.ToList()).ToList();
            }
        }

        _layers = best;
    }

    private static void Reorder(List<int> layer, List<int> fixedLayer, List<List<int>> neighbours)
    {
        var position = new Dictionary<int, int>();
        for (var i = 0; i < fixedLayer.Count; i++)
            position[fixedLayer[i]] = i;
        var keyed = layer.Select((v, i) =>
        {
            var ps = neighbours[v].Where(position.ContainsKey).Select(n => (double)position[n]).ToList();
            return (Vertex: v, Key: ps.Count == 0 ? i : ps.Average(), Index: i);
        }).OrderBy(k => k.Key).ThenBy(k => k.Index).ToList();
        layer.Clear();
        layer.AddRange(keyed.Select(k => k.Vertex));
    }

    private int Crossings()
    {
        var total = 0;
        for (var r = 0; r + 1 < _layers.Count; r++)
        {
            var below = new Dictionary<int, int>();
            for (var i = 0; i < _layers[r + 1].Count; i++)
                below[_layers[r + 1][i]] = i;
            var segments = new List<(int Top, int Bottom)>();
            for (var i = 0; i < _layers[r].Count; i++)
            {
                foreach (var s in _succ[_layers[r][i]])
                {
                    if (below.TryGetValue(s, out var j))
                        segments.Add((i, j));
                }
            }

            for (var a = 0; a < segments.Count; a++)
            {
                for (var b = a + 1; b < segments.Count; b++)
                {
                    if ((segments[a].Top - segments[b].Top) * (segments[a].Bottom - segments[b].Bottom) < 0)
                        total++;
                }
            }
        }

        return total;
    }

    private double Gap(int a, int b) => (a >= _real && _h[a] == 0) || (b >= _real && _h[b] == 0) ? DummyGap : NodeGap;

    private void Place()
    {
        _x = new double[_w.Count];
        foreach (var layer in _layers)
        {
            var x = 0.0;
            for (var i = 0; i < layer.Count; i++)
            {
                var v = layer[i];
                if (i > 0)
                    x += Gap(layer[i - 1], v);
                _x[v] = x + (_w[v] / 2);
                x += _w[v];
            }
        }

        // Pull each vertex toward its neighbours' centers, alternating directions, keeping order and spacing.
        for (var pass = 0; pass < 8; pass++)
        {
            var down = pass % 2 == 0;
            for (var i = 0; i < _layers.Count; i++)
            {
                var r = down ? i : _layers.Count - 1 - i;
                var layer = _layers[r];
                var desired = layer.Select(v =>
                {
                    var ns = (down ? _pred[v] : _succ[v]).Concat(pass >= 4 ? (down ? _succ[v] : _pred[v]) : []).ToList();
                    return ns.Count == 0 ? _x[v] : ns.Average(n => _x[n]);
                }).ToArray();
                Fit(layer, desired);
            }
        }

        var minX = _x.Select((c, v) => c - (_w[v] / 2)).DefaultIfEmpty(0).Min();
        var y = 0.0;
        var top = new double[_layers.Count];
        for (var r = 0; r < _layers.Count; r++)
        {
            top[r] = y;
            y += _layers[r].Select(v => _h[v]).DefaultIfEmpty(0).Max() + _rankGap;
        }

        Height = Math.Max(0, y - _rankGap);
        Width = _x.Select((c, v) => c + (_w[v] / 2) - minX).DefaultIfEmpty(0).Max();
        X = new double[_real];
        Y = new double[_real];
        var rowHeight = _layers.Select(l => l.Select(v => _h[v]).DefaultIfEmpty(0).Max()).ToArray();
        for (var v = 0; v < _real; v++)
        {
            X[v] = _x[v] - (_w[v] / 2) - minX;

            Y[v] = top[_rank[v]];
        }

        Route(top, rowHeight, minX);
    }

    /// <summary>Positions <paramref name="layer"/> as close to <paramref name="desired"/> as order and spacing allow (least squares).</summary>
    private void Fit(List<int> layer, double[] desired)
    {
        var n = layer.Count;
        if (n == 0)
            return;
        var offset = new double[n];
        for (var i = 1; i < n; i++)
            offset[i] = offset[i - 1] + (_w[layer[i - 1]] / 2) + Gap(layer[i - 1], layer[i]) + (_w[layer[i]] / 2);

        // Pool adjacent violators on y_i = x_i - offset_i, which must be non-decreasing.
        var blocks = new List<(double Sum, int Count)>();
        for (var i = 0; i < n; i++)
        {
            blocks.Add((desired[i] - offset[i], 1));
            while (blocks.Count > 1 && blocks[^2].Sum / blocks[^2].Count > blocks[^1].Sum / blocks[^1].Count)
            {
                var last = blocks[^1];
                var prev = blocks[^2];
                blocks.RemoveAt(blocks.Count - 1);
                blocks[^1] = (prev.Sum + last.Sum, prev.Count + last.Count);
            }
        }

        var k = 0;
        foreach (var (sum, count) in blocks)
        {
            for (var j = 0; j < count; j++, k++)
                _x[layer[k]] = (sum / count) + offset[k];
        }
    }

    /// <summary>Where an edge leaves or enters a real vertex: moved from its center toward the neighbour, so edges fan out instead of meeting in one point.</summary>
    private double Port(int v, double towardX, double minX)
    {
        var center = _x[v] - minX;
        if (v >= _real)
            return center;
        var half = Math.Max(0, (_w[v] / 2) - 12);
        return center + (Math.Clamp(towardX - center, -half, half) / 2);
    }

    private void Route(double[] top, double[] rowHeight, double minX)
    {
        for (var e = 0; e < _chains.Count; e++)
        {
            var chain = _chains[e];
            var points = new List<(double X, double Y)>();
            if (chain.Count == 1)
            {
                var v = chain[0];
                var right = X[v] + _w[v];
                var midY = Y[v] + (_h[v] / 2);
                points.AddRange([(right, midY - 6), (right + 18, midY - 10), (right + 18, midY + 10), (right, midY + 6)]);
                EdgePoints.Add(points);
                LabelCenters.Add(null);
                continue;
            }

            var lv = _labelVertex[e];
            LabelCenters.Add(lv < 0 ? null : (_x[lv] - minX, top[_rank[lv]] + (_h[lv] / 2)));

            for (var i = 0; i < chain.Count; i++)
            {
                var v = chain[i];
                var cx = _x[v] - minX;
                var r = _rank[v];
                var vTop = v < _real ? Y[v] : top[r];
                var vBottom = v < _real ? Y[v] + _h[v] : top[r] + rowHeight[r];
                if (i == 0)
                {
                    points.Add((Port(v, _x[chain[1]] - minX, minX), vBottom));
                }
                else if (i == chain.Count - 1)
                {
                    points.Add((Port(v, _x[chain[i - 1]] - minX, minX), vTop));
                }
                else
                {
                    points.Add((cx, vTop));
                    points.Add((cx, vBottom));
                }
            }

            if (_reversed[e])
                points.Reverse();
            EdgePoints.Add(points);
        }
    }
}
