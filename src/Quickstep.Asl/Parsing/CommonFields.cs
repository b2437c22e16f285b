using Quickstep.Json;

namespace Quickstep.Asl.Parsing;

/// <summary>The values of the fields every state type shares, read once per state.</summary>
internal sealed record CommonFields(
    string? Comment,
    string? Next,
    bool End,
    JValue? InputPath,
    JValue? OutputPath,
    JValue? Assign,
    JValue? Output);
