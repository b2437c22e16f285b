namespace Quickstep.Schedules;

/// <summary>Which AWS service's rules a schedule expression is read with.</summary>
public enum ScheduleExpressionDialect
{
    /// <summary>EventBridge Scheduler: <c>rate()</c>, <c>cron()</c> and <c>at()</c>, any IANA time zone.</summary>
    Scheduler,

    /// <summary>EventBridge rules (PutRule): <c>rate()</c> with singular/plural units enforced and <c>cron()</c> in UTC; no <c>at()</c>.</summary>
    EventBridgeRule,
}
