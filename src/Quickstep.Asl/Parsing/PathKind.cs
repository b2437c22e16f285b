namespace Quickstep.Asl.Parsing;

/// <summary>What a path-valued field requires (asl-features.md §2.3).</summary>
internal enum PathKind : byte
{
    /// <summary>Any ASL path (InputPath, OutputPath, ".$" values, Choice Variable, "…Path" operators).</summary>
    Path,

    /// <summary>A reference path (ItemsPath, SecondsPath, TimeoutSecondsPath, …).</summary>
    Reference,

    /// <summary>A reference path on the input only: no "$$" and no variable (ResultPath).</summary>
    Result,
}
