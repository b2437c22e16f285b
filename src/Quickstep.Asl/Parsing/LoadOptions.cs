namespace Quickstep.Asl.Parsing;

/// <summary>Options for <see cref="DefinitionLoader"/>.</summary>
public sealed class LoadOptions
{
    /// <summary>Apply the restrictions AWS enforces on EXPRESS state machines at creation (default true).</summary>
    public bool Express { get; init; } = true;
}
