using Quickstep.Json;

namespace Quickstep.Integrations.Functions;

/// <summary>An in-process function given as a synchronous delegate: always completes synchronously.</summary>
internal sealed class SyncDelegateLambdaFunction(Func<JValue, JValue> function) : LambdaFunction
{
    public override ValueTask<LambdaInvocationResult> InvokeAsync(JValue payload, CancellationToken cancellationToken)
    {
        try
        {
            return new(LambdaInvocationResult.Success(function(payload) ?? JValue.Null));
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
#pragma warning disable CA1031 // a function's exception is its Lambda error, whatever its type
        catch (Exception ex)
#pragma warning restore CA1031
        {
            return new(LambdaInvocationResult.Failure(LambdaError.FromException(ex)));
        }
    }
}
