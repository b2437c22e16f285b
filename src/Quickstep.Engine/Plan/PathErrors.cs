using Quickstep.Asl.Paths;

namespace Quickstep.Engine.Plan;

/// <summary>AWS's cause texts for paths that select nothing (Jayway's messages, as AWS reports them).</summary>
internal static class PathErrors
{
    public static string InvalidPath(JsonPath path, JValue document)
    {
        path.TrySelect(document, out _, out var failure);
        return $"Invalid path '{path.Text}' : {failure ?? "No results for path: " + path.NormalizedText}";
    }
}
