using System.Text.Json.Nodes;

namespace Quickstep.Server.Api;

/// <summary>Timestamps as the AWS JSON 1.0 protocol sends them: epoch seconds with a fraction.</summary>
internal static class Dates
{
    public static JsonNode Epoch(DateTimeOffset date) => JsonValue.Create(date.ToUnixTimeMilliseconds() / 1000m);
}
