namespace Quickstep.Engine.Testing;

/// <summary>TestState's mock: the tested state's service call (Task) or processing (Map, Parallel) answers with <see cref="Result"/> or fails with <see cref="Error"/>.</summary>
public sealed class StateTestMock
{
    public JValue? Result { get; init; }

    public StatesError? Error { get; init; }

    public MockFieldValidationMode FieldValidationMode { get; init; } = MockFieldValidationMode.Strict;
}
