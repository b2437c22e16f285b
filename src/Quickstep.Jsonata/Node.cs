using Quickstep.Json;

namespace Quickstep.Jsonata;

/// <summary>
/// A JSONata AST node. The parser builds it and the AST processor rewrites it once (paths, stages,
/// tuple bindings); afterwards it is immutable and shared by concurrent evaluations.
/// </summary>
internal sealed class Node
{
    public Node(NodeType type, int position, string? value = null)
    {
        Type = type;
        Position = position;
        Value = value;
    }

    public NodeType Type { get; set; }

    public int Position { get; }

    /// <summary>Operator text, name, variable name or string value.</summary>
    public string? Value { get; set; }

    public BinaryOp Op { get; set; }

    /// <summary>The value of a literal (string, number, true/false/null).</summary>
    public JValue? Literal { get; set; }

    public Node? Lhs { get; set; }

    public Node? Rhs { get; set; }

    /// <summary>Operand of a unary operator; expression of a filter stage.</summary>
    public Node? Expression { get; set; }

    public Node? Condition { get; set; }

    public Node? Then { get; set; }

    public Node? Else { get; set; }

    public Node? Procedure { get; set; }

    public Node? Body { get; set; }

    public Node? Pattern { get; set; }

    public Node? Update { get; set; }

    public Node? Delete { get; set; }

    /// <summary>Items of an array constructor or a block.</summary>
    public List<Node>? Expressions { get; set; }

    public List<Node>? Arguments { get; set; }

    public List<Node>? Steps { get; set; }

    /// <summary>Key/value pairs of an object constructor.</summary>
    public List<(Node Key, Node Value)>? Pairs { get; set; }

    /// <summary>Group-by pairs applied to this step.</summary>
    public List<(Node Key, Node Value)>? Group { get; set; }

    public List<Node>? Predicate { get; set; }

    public List<Node>? Stages { get; set; }

    public List<SortTerm>? Terms { get; set; }

    public bool KeepArray { get; set; }

    public bool KeepSingletonArray { get; set; }

    public bool ConsArray { get; set; }

    public bool Tuple { get; set; }

    public bool Thunk { get; set; }

    public string? Focus { get; set; }

    public string? Index { get; set; }

    public AncestorSlot? Ancestor { get; set; }

    public AncestorSlot? Slot { get; set; }

    public List<AncestorSlot>? SeekingParent { get; set; }

    public Signature? Signature { get; set; }

    public JsonataRegex? Regex { get; set; }

    /// <summary>For a path of a variable followed by plain names: the names, so evaluation can skip sequences.</summary>
    public string[]? SimpleNames { get; set; }

    /// <summary>For each of <see cref="SimpleNames"/>: a constant index predicate (<c>a[0]</c>), or null.</summary>
    public int?[]? SimpleIndexes { get; set; }

    /// <summary>Cached function value of a regex literal.</summary>
    public JsonataFunction? RegexFunction { get; set; }
}
