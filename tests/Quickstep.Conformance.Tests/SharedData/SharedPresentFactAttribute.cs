namespace Quickstep.Conformance.Tests.SharedData;

/// <summary>A fact reported as skipped (not passed) when ../shared is not beside the repository.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class SharedPresentFactAttribute : FactAttribute
{
    public SharedPresentFactAttribute()
    {
        if (SharedCopy.SharedDir is null)
            Skip = "../shared is not beside this clone: nothing to compare tests/data with";
    }
}
