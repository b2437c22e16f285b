namespace Quickstep.Integrations.Mocking;

/// <summary>A mock config file that cannot be used; <see cref="InvalidFileException.Errors"/> lists every problem found.</summary>
public sealed class MockConfigException : InvalidFileException
{
    public MockConfigException()
        : this("The mock config is invalid.")
    {
    }

    public MockConfigException(string message)
        : base(message)
    {
    }

    public MockConfigException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public MockConfigException(string source, IReadOnlyList<string> errors)
        : base(source, errors)
    {
    }
}
