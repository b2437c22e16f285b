namespace Quickstep.Jsonata;

/// <summary>
/// Lets the host of an evaluation stop it from outside: an execution that was stopped or passed its deadline
/// must not keep computing. Polled every few dozen evaluation steps and inside long built-in loops.
/// </summary>
public interface IEvaluationGuard
{
    /// <summary>Throws <see cref="OperationCanceledException"/> when the evaluation must stop now.</summary>
    void ThrowIfStopped();
}
