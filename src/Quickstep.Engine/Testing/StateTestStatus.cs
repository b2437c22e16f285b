namespace Quickstep.Engine.Testing;

/// <summary>What happened to the tested state.</summary>
public enum StateTestStatus
{
    Succeeded,
    Failed,

    /// <summary>A Retrier matched the error: the state would be retried (TestState answers at once, without the backoff).</summary>
    Retriable,

    /// <summary>A Catcher matched the error: the state goes on to the Catcher's Next.</summary>
    CaughtError,
}
