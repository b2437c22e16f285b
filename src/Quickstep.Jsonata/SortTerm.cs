namespace Quickstep.Jsonata;

/// <summary>One term of an order-by clause.</summary>
internal sealed class SortTerm
{
    public SortTerm(Node expression, bool descending)
    {
        Expression = expression;
        Descending = descending;
    }

    public Node Expression { get; set; }

    public bool Descending { get; }
}
