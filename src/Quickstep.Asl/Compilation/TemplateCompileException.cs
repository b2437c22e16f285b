namespace Quickstep.Asl.Compilation;

/// <summary>A template or expression that cannot be compiled; <see cref="Pointer"/> names the field when known (the loader turns it into a diagnostic).</summary>
internal sealed class TemplateCompileException : Exception
{
    public TemplateCompileException()
    {
    }

    public TemplateCompileException(string message)
        : base(message)
    {
    }

    public TemplateCompileException(string message, Exception inner)
        : base(message, inner)
    {
    }

    public TemplateCompileException(string message, string pointer)
        : base(message) => Pointer = pointer;

    /// <summary>The JSON pointer of the field that could not be compiled, or null.</summary>
    public string? Pointer { get; }
}
