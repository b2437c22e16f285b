namespace Quickstep.EventPatterns;

/// <summary>Which service's rules a pattern is compiled under: the language is shared, the limits and operators differ.</summary>
public enum EventPatternDialect
{
    /// <summary>An EventBridge event pattern (rules, TestEventPattern, Pipes filters).</summary>
    EventBridge,

    /// <summary>An SNS subscription filter policy with FilterPolicyScope <c>MessageAttributes</c>: no nesting, at most 5 keys.</summary>
    SnsMessageAttributes,

    /// <summary>An SNS subscription filter policy with FilterPolicyScope <c>MessageBody</c>: nesting allowed, at most 5 top-level keys.</summary>
    SnsMessageBody,
}
