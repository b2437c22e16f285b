using Quickstep.Asl.Json;
using Quickstep.Asl.Paths;

namespace Quickstep.Engine.Plan;

/// <summary>AWS's cause texts for paths that select nothing (Jayway's messages, as AWS reports them).</summary>
internal static class PathErrors
{
    public static string InvalidPath(JsonPath path, JValue document)
    {
        var missing = path.MissingPrefix(document);
        if (missing is null || missing == path.NormalizedText)
            return $"Invalid path '{path.Text}' : No results for path: {path.NormalizedText}";
        return $"Invalid path '{path.Text}' : Missing property in path {missing}";
    }
}
