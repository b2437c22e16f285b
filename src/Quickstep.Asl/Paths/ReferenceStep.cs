namespace Quickstep.Asl.Paths;

/// <summary>One step of a reference path: a property name, or (when <see cref="Name"/> is null) an array index.</summary>
internal readonly struct ReferenceStep(string? name, int index)
{
    public string? Name { get; } = name;

    public int Index { get; } = index;
}
