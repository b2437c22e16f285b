namespace Quickstep.Integrations.Functions;

/// <summary>A functions file that cannot be used; <see cref="InvalidFileException.Errors"/> lists every problem found.</summary>
public sealed class FunctionsFileException : InvalidFileException
{
    public FunctionsFileException()
        : this("The functions file is invalid.")
    {
    }

    public FunctionsFileException(string message)
        : base(message)
    {
    }

    public FunctionsFileException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public FunctionsFileException(string source, IReadOnlyList<string> errors)
        : base(source, errors)
    {
    }
}
