using Quickstep.Json;

namespace Quickstep.Asl.Model;

public sealed class Catcher
{
    public required string Pointer { get; init; }

    public required IReadOnlyList<string> ErrorEquals { get; init; }

    public required string Next { get; init; }

    /// <summary>JSONPath ResultPath: absent, JSON null, or a path string.</summary>
    public JValue? ResultPath { get; init; }

    public JValue? Output { get; init; }

    public JValue? Assign { get; init; }

    public string? Comment { get; init; }
}
