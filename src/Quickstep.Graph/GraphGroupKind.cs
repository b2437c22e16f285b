namespace Quickstep.Graph;

/// <summary>What kind of state owns a nested group.</summary>
public enum GraphGroupKind
{
    /// <summary>A Parallel state: one branch per ASL branch.</summary>
    Parallel,

    /// <summary>A Map state: one branch, its ItemProcessor (or Iterator).</summary>
    Map,
}
