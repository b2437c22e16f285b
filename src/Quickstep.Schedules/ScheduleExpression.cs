namespace Quickstep.Schedules;

/// <summary>A parsed <c>rate(…)</c>, <c>cron(…)</c> or <c>at(…)</c> expression.</summary>
public abstract class ScheduleExpression
{
    private protected ScheduleExpression(string text) => Text = text;

    /// <summary>The expression as written.</summary>
    public string Text { get; }

    /// <summary>True for <c>at()</c>: the schedule fires once.</summary>
    public virtual bool IsOneTime => false;

    /// <summary>Parses an expression; throws <see cref="ScheduleExpressionException"/> with AWS's message when it is invalid.</summary>
    public static ScheduleExpression Parse(string text, ScheduleExpressionDialect dialect = ScheduleExpressionDialect.Scheduler)
    {
        ArgumentNullException.ThrowIfNull(text);
        var error = ScheduleExpressionParser.TryParse(text, dialect, out var expression);
        return error is null ? expression! : throw new ScheduleExpressionException(MessageFor(text, dialect), error);
    }

    /// <summary>Parses an expression; on failure returns false and AWS's message in <paramref name="error"/>.</summary>
    public static bool TryParse(string text, ScheduleExpressionDialect dialect, out ScheduleExpression? expression, out string? error)
    {
        ArgumentNullException.ThrowIfNull(text);
        var reason = ScheduleExpressionParser.TryParse(text, dialect, out expression);
        error = reason is null ? null : MessageFor(text, dialect);
        return reason is null;
    }

    /// <summary>AWS's ValidationException message for an invalid expression in the dialect.</summary>
    public static string MessageFor(string text, ScheduleExpressionDialect dialect) => dialect == ScheduleExpressionDialect.EventBridgeRule
        ? "Parameter ScheduleExpression is not valid."
        : $"Invalid Schedule Expression {text}.";

    /// <inheritdoc />
    public override string ToString() => Text;
}
