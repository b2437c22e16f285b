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
}
