namespace Quickstep.Asl.Compilation;

/// <summary>A template or expression that cannot be compiled (the validator reports these as diagnostics first).</summary>
public sealed class TemplateCompileException : Exception
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
}
