namespace Quickstep.Graph;

/// <summary>Why control can pass along an edge.</summary>
public enum GraphEdgeKind
{
    /// <summary>The state's Next.</summary>
    Next,

    /// <summary>A Choice rule's Next; the label summarizes the rule.</summary>
    Choice,

    /// <summary>A Choice state's Default.</summary>
    Default,

    /// <summary>A Catcher's Next; the label lists the caught errors.</summary>
    Catch,
}
