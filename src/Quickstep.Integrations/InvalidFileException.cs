namespace Quickstep.Integrations;

/// <summary>A configuration file (functions file, mock config) that cannot be used; <see cref="Errors"/> lists every problem found.</summary>
public abstract class InvalidFileException : Exception
{
    protected InvalidFileException(string message)
        : base(message) => Errors = [message];

    protected InvalidFileException(string message, Exception innerException)
        : base(message, innerException) => Errors = [message];

    /// <summary>One message naming <paramref name="source"/> and every error, one a line.</summary>
    protected InvalidFileException(string source, IReadOnlyList<string> errors)
        : base(Format(source, errors)) => Errors = errors;

    public IReadOnlyList<string> Errors { get; }

    private static string Format(string source, IReadOnlyList<string> errors) =>
        errors.Count == 1
            ? $"{source}: {errors[0]}"
            : $"{source}: {errors.Count} problems:{Environment.NewLine}  " + string.Join(Environment.NewLine + "  ", errors);
}
