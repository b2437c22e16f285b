using Quickstep.Json;

namespace Quickstep.Integrations.Functions;

/// <summary>
/// A function that Task states can call, as Lambda would run it: an event in, a payload or a Lambda
/// error out. Register one with <see cref="LambdaFunctionRegistry"/>; most embedders register a
/// delegate instead of deriving from this.
/// </summary>
public abstract class LambdaFunction
{
    /// <summary>
    /// Runs the function. Complete synchronously when the result is ready (in-process functions);
    /// honour <paramref name="cancellationToken"/> (a Task timeout) by stopping and throwing
    /// <see cref="OperationCanceledException"/>.
    /// </summary>
    public abstract ValueTask<LambdaInvocationResult> InvokeAsync(JValue payload, CancellationToken cancellationToken);

    /// <summary>
    /// Runs the function for the Lambda API or a Task that knows the request id and wants the log: functions
    /// that keep logs (runtime workers) override this; the default ignores <paramref name="invocation"/>.
    /// </summary>
    public virtual ValueTask<LambdaInvocationResult> InvokeAsync(JValue payload, LambdaInvocation invocation, CancellationToken cancellationToken) =>
        InvokeAsync(payload, cancellationToken);
}
