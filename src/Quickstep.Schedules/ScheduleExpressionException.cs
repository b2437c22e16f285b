namespace Quickstep.Schedules;

/// <summary>A schedule expression that AWS would reject; <see cref="Exception.Message"/> is AWS's ValidationException message.</summary>
public sealed class ScheduleExpressionException : FormatException
{
    /// <summary>Creates the exception with AWS's message and the reason (for logs and tests).</summary>
    public ScheduleExpressionException(string message, string reason)
        : base(message) => Reason = reason;

    /// <summary>Creates the exception.</summary>
    public ScheduleExpressionException()
        : this("Invalid Schedule Expression.", "invalid") { }

    /// <summary>Creates the exception.</summary>
    public ScheduleExpressionException(string message)
        : this(message, message) { }

    /// <summary>Creates the exception.</summary>
    public ScheduleExpressionException(string message, Exception innerException)
        : base(message, innerException) => Reason = message;

    /// <summary>Why the expression is invalid, in Quickstep's words (AWS's message does not say).</summary>
    public string Reason { get; }
}
