namespace Quickstep.Engine.Testing;

/// <summary>A TestState request refused before the state ran; <see cref="IsDefinitionError"/> tells AWS's InvalidDefinition from ValidationException.</summary>
public sealed class StateTestException : Exception
{
    public StateTestException()
    {
    }

    public StateTestException(string message)
        : base(message)
    {
    }

    public StateTestException(string message, Exception inner)
        : base(message, inner)
    {
    }

    public StateTestException(string message, bool isDefinitionError)
        : base(message) => IsDefinitionError = isDefinitionError;

    public bool IsDefinitionError { get; }
}
