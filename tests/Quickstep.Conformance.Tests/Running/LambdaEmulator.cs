using Quickstep.Engine;
using Quickstep.Integrations.Functions;
using Quickstep.Json;

namespace Quickstep.Conformance.Tests.Running;

/// <summary>
/// Stands in for the Lambda functions a case's recording ran (README.md, "lambdas"): identity,
/// constant, raise and sleep. Each is registered under its full ARN and its name.
/// </summary>
internal static class LambdaEmulator
{
    public static LambdaFunctionRegistry CreateRegistry(IEnumerable<LambdaSpec> lambdas, VirtualTimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(lambdas);
        var registry = new LambdaFunctionRegistry();
        foreach (var spec in lambdas)
        {
            var function = Create(spec, time);
            if (spec.Arn.Length > 0)
                registry.Register(spec.Arn, function);
            if (spec.Name.Length > 0)
                registry.Register(spec.Name, function);
        }

        return registry;
    }

    private static LambdaFunction Create(LambdaSpec spec, VirtualTimeProvider time) => spec.Kind switch
    {
        "identity" => new IdentityFunction(),
        "constant" => new ConstantFunction(),
        "raise" => RaisingFunction.For(spec),
        "sleep" => new SleepingFunction(time),
        _ => throw new NotSupportedException($"Lambda kind '{spec.Kind}' ({spec.Name}) is not emulated."),
    };

    /// <summary>id_function.py: returns its input event.</summary>
    private sealed class IdentityFunction : LambdaFunction
    {
        public override ValueTask<LambdaInvocationResult> InvokeAsync(JValue payload, CancellationToken cancellationToken) =>
            new(LambdaInvocationResult.Success(payload));
    }

    /// <summary>Returns <c>{"Return": "HelloWorld"}</c>.</summary>
    private sealed class ConstantFunction : LambdaFunction
    {
        private static readonly JValue Result = JValue.Parse("{\"Return\":\"HelloWorld\"}");

        public override ValueTask<LambdaInvocationResult> InvokeAsync(JValue payload, CancellationToken cancellationToken) =>
            new(LambdaInvocationResult.Success(Result));
    }

    /// <summary>
    /// A Python handler that raises: the Lambda error's type, message and stack trace exactly as the
    /// recordings show them (error_handling/test_task_lambda/test_raise_exception and
    /// test_raise_custom_exception), so that the Task's cause is AWS's error JSON.
    /// </summary>
    private sealed class RaisingFunction(string errorType, string errorMessage, string stackFrame) : LambdaFunction
    {
        public static RaisingFunction For(LambdaSpec spec)
        {
            var handler = Path.GetFileName(spec.HandlerFile);
            if (handler == "raise_custom_exception.py" || spec.Behaviour.Contains("CustomException", StringComparison.Ordinal))
                return new("CustomException", string.Empty, "  File \"/var/task/handler.py\", line 9, in handler\n    raise CustomException()\n");
            if (handler == "raise_exception.py" || spec.Behaviour.Contains("Exception(\"Some exception was raised.\")", StringComparison.Ordinal))
                return new("Exception", "Some exception was raised.", "  File \"/var/task/handler.py\", line 2, in handler\n    raise Exception(\"Some exception was raised.\")\n");
            throw new NotSupportedException($"Raising Lambda handler '{spec.HandlerFile}' ({spec.Behaviour}) is not emulated.");
        }

        public override ValueTask<LambdaInvocationResult> InvokeAsync(JValue payload, CancellationToken cancellationToken) =>
            new(LambdaInvocationResult.Failure(new LambdaError(errorType, errorMessage, [stackFrame])));
    }

    /// <summary>
    /// wait_60_seconds.py: sleeps 60 s on the case's virtual clock, honouring cancellation, then returns its input. It sleeps
    /// through the clock's idle tracker: a call in flight is busy (time stands still) unless it says it only waits on the clock.
    /// </summary>
    private sealed class SleepingFunction(VirtualTimeProvider time) : LambdaFunction
    {
        public override async ValueTask<LambdaInvocationResult> InvokeAsync(JValue payload, CancellationToken cancellationToken)
        {
            await time.IdleTracker.DelayAsync(time, TimeSpan.FromSeconds(60), cancellationToken).ConfigureAwait(false);
            return LambdaInvocationResult.Success(payload);
        }
    }
}
