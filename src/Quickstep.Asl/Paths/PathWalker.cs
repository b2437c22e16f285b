using Quickstep.Json;

namespace Quickstep.Asl.Paths;

/// <summary>Walks a document through a segment array, collecting matches in document order.</summary>
internal sealed class PathWalker
{
    private readonly PathSegment[] _segments;
    private readonly List<JValue> _output;

    public PathWalker(PathSegment[] segments, JValue root, List<JValue> output)
    {
        _segments = segments;
        Root = root;
        _output = output;
    }

    /// <summary>The document <c>$</c> refers to inside filter expressions.</summary>
    public JValue Root { get; }

    public bool IsEnd(int index) => index == _segments.Length;

    public void Walk(JValue node, int index)
    {
        if (index == _segments.Length)
        {
            _output.Add(node);
            return;
        }

        _segments[index].Apply(node, this, index + 1);
    }
}
