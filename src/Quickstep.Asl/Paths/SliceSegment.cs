using System.Globalization;
using System.Text;
using Quickstep.Json;

namespace Quickstep.Asl.Paths;

/// <summary><c>[start:end:step]</c> with Python/Jayway clamping; negative bounds count from the end.</summary>
internal sealed class SliceSegment : PathSegment
{
    private readonly int? _start;
    private readonly int? _end;
    private readonly int _step;

    public SliceSegment(int? start, int? end, int? step)
    {
        _start = start;
        _end = end;
        _step = step ?? 1;
        HasStep = step is not null;
    }

    private bool HasStep { get; }

    public override void Apply(JValue node, PathWalker walker, int next)
    {
        if (node is not JArray a)
            return;
        var n = a.Count;
        if (_step > 0)
        {
            var from = Clamp(_start ?? 0, n, 0, n);
            var to = Clamp(_end ?? n, n, 0, n);
            for (var i = from; i < to; i += _step)
                walker.Walk(a[i], next);
        }
        else
        {
            var from = _start is int s ? Clamp(s, n, -1, n - 1) : n - 1;
            var to = _end is int e ? Clamp(e, n, -1, n - 1) : -1;
            for (var i = from; i > to; i += _step)
                walker.Walk(a[i], next);
        }
    }

    public override void AppendNormalized(StringBuilder builder)
    {
        builder.Append('[');
        if (_start is int s)
            builder.Append(s.ToString(CultureInfo.InvariantCulture));
        builder.Append(':');
        if (_end is int e)
            builder.Append(e.ToString(CultureInfo.InvariantCulture));
        if (HasStep)
            builder.Append(':').Append(_step.ToString(CultureInfo.InvariantCulture));
        builder.Append(']');
    }

    private static int Clamp(int value, int length, int min, int max)
    {
        var v = value < 0 ? (long)value + length : value;
        return (int)Math.Clamp(v, min, max);
    }
}
