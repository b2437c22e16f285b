namespace Quickstep.Integrations.Mocking;

/// <summary>A mock config file that cannot be used; <see cref="Errors"/> lists every problem found.</summary>
public sealed class MockConfigException : Exception
{
    public MockConfigException()
        : this("The mock config is invalid.")
    {
    }

    public MockConfigException(string message)
        : base(message) => Errors = [message];

    public MockConfigException(string message, Exception innerException)
        : base(message, innerException) => Errors = [message];

    public MockConfigException(string source, IReadOnlyList<string> errors)
        : base(Format(source, errors)) => Errors = errors;

    public IReadOnlyList<string> Errors { get; }

    private static string Format(string source, IReadOnlyList<string> errors) =>
        errors.Count == 1
            ? $"{source}: {errors[0]}"
            : $"{source}: {errors.Count} problems:{Environment.NewLine}  " + string.Join(Environment.NewLine + "  ", errors);
}
