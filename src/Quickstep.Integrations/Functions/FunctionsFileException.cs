namespace Quickstep.Integrations.Functions;

/// <summary>A functions file that cannot be used; <see cref="Errors"/> lists every problem found.</summary>
public sealed class FunctionsFileException : Exception
{
    public FunctionsFileException()
        : this("The functions file is invalid.")
    {
    }

    public FunctionsFileException(string message)
        : base(message) => Errors = [message];

    public FunctionsFileException(string message, Exception innerException)
        : base(message, innerException) => Errors = [message];

    public FunctionsFileException(string source, IReadOnlyList<string> errors)
        : base(Format(source, errors)) => Errors = errors;

    public IReadOnlyList<string> Errors { get; }

    private static string Format(string source, IReadOnlyList<string> errors) =>
        errors.Count == 1
            ? $"{source}: {errors[0]}"
            : $"{source}: {errors.Count} problems:{Environment.NewLine}  " + string.Join(Environment.NewLine + "  ", errors);
}
