namespace Quickstep.EventPatterns;

/// <summary>
/// A pattern that does not compile. <see cref="Exception.Message"/> is the reason as AWS words it
/// (<c>Empty arrays are not allowed</c>); each service adds its own prefix
/// (EventBridge: <c>Event pattern is not valid. Reason: </c>; SNS: <c>Invalid parameter: FilterPolicy: </c>).
/// </summary>
public sealed class EventPatternException : Exception
{
    public EventPatternException()
    {
    }

    public EventPatternException(string reason)
        : base(reason)
    {
    }

    public EventPatternException(string reason, Exception innerException)
        : base(reason, innerException)
    {
    }

    /// <summary>True when SNS words this reason without its <c>FilterPolicy: </c> prefix (the nesting error).</summary>
    public bool OutsideFilterPolicy { get; init; }
}
