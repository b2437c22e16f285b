namespace Quickstep.Engine.Testing;

/// <summary>TestState on an engine: run one state, as AWS Step Functions' TestState API does.</summary>
public static class QuickstepEngineTesting
{
    /// <summary>
    /// Runs the state once and reports status (SUCCEEDED, FAILED, RETRIABLE, CAUGHT_ERROR), output,
    /// next state, error, cause and, above INFO, the data flow stage by stage. A refused request
    /// throws <see cref="StateTestException"/> or, for an invalid definition, <see cref="InvalidDefinitionException"/>.
    /// </summary>
    /// <param name="validator">Checks a mocked Task result against the service's output shape; null: no check.</param>
    public static Task<StateTestResult> TestStateAsync(this QuickstepEngine engine, StateTestRequest request, IMockResultValidator? validator = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(request);
        return StateTester.RunAsync(engine, request, validator, cancellationToken);
    }
}
