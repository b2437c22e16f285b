using Quickstep.Json;

namespace Quickstep.Integrations.Functions;

/// <summary>An in-process function given as a delegate; completes synchronously when the delegate does (always, for a synchronous one).</summary>
internal sealed class DelegateLambdaFunction(Func<JValue, CancellationToken, ValueTask<JValue>> function) : LambdaFunction
{
    public override ValueTask<LambdaInvocationResult> InvokeAsync(JValue payload, CancellationToken cancellationToken)
    {
        ValueTask<JValue> pending;
        try
        {
            pending = function(payload, cancellationToken);
            if (pending.IsCompletedSuccessfully)
                return new(LambdaInvocationResult.Success(pending.Result ?? JValue.Null));
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

        return AwaitAsync(pending, cancellationToken);
    }

    private static async ValueTask<LambdaInvocationResult> AwaitAsync(ValueTask<JValue> pending, CancellationToken cancellationToken)
    {
        try
        {
            return LambdaInvocationResult.Success(await pending.ConfigureAwait(false) ?? JValue.Null);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
#pragma warning disable CA1031 // a function's exception is its Lambda error, whatever its type
        catch (Exception ex)
#pragma warning restore CA1031
        {
            return LambdaInvocationResult.Failure(LambdaError.FromException(ex));
        }
    }
}
