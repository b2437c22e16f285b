using System.Globalization;
using Quickstep.Json;

namespace Quickstep.Integrations.Functions;

/// <summary>
/// A function with Lambda's limits around it (command, url and in-process functions): at most
/// <see cref="FunctionSettings.Concurrency"/> at once (one more is <c>TooManyRequestsException</c>), and
/// <c>Sandbox.Timedout</c> after <see cref="FunctionSettings.TimeoutSeconds"/> (the call is cancelled).
/// </summary>
internal sealed class LimitedLambdaFunction(LambdaFunction inner, FunctionSettings settings, TimeProvider time) : LambdaFunction
{
    private int _inFlight;

    public LambdaFunction Inner => inner;

    public override ValueTask<LambdaInvocationResult> InvokeAsync(JValue payload, CancellationToken cancellationToken) =>
        InvokeAsync(payload, new LambdaInvocation { RequestId = GuidRequestIdSource.Instance.NextRequestId() }, cancellationToken);

    public override async ValueTask<LambdaInvocationResult> InvokeAsync(JValue payload, LambdaInvocation invocation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(invocation);
        if (Interlocked.Increment(ref _inFlight) > settings.Concurrency)
        {
            Interlocked.Decrement(ref _inFlight);
            return LambdaInvocationResult.Failure(LambdaError.Service(429, "TooManyRequestsException", "Rate Exceeded."));
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(settings.TimeoutSeconds), time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            return await inner.InvokeAsync(payload, invocation, linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            var seconds = settings.TimeoutSeconds.ToString("F2", CultureInfo.InvariantCulture);
            return LambdaInvocationResult.Failure(LambdaError.Platform("Sandbox.Timedout", $"RequestId: {invocation.RequestId} Error: Task timed out after {seconds} seconds"));
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }
}
