namespace Quickstep.Engine.Plan;

/// <summary>ErrorEquals matching (ASL spec, "Error names"; AWS developer guide, "Handling errors").</summary>
internal static class ErrorMatcher
{
    public static bool Matches(string[] errorEquals, string error)
    {
        // States.Runtime and States.DataLimitExceeded are terminal: never retried or caught
        // (recorded: CATCH_STATE_RUNTIME fails even with "States.Runtime" in ErrorEquals).
        if (error is StatesErrors.Runtime or StatesErrors.DataLimitExceeded)
            return false;
        foreach (var name in errorEquals)
        {
            if (string.Equals(name, error, StringComparison.Ordinal))
                return true;
            if (name == StatesErrors.All)
                return true;
            if (name == StatesErrors.TaskFailed && error != StatesErrors.Timeout && !error.StartsWith("States.", StringComparison.Ordinal))
                return true;
        }

        return false;
    }
}
