using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Quickstep.WebConsole;

/// <summary>The graph endpoints (filled in with Quickstep.Graph).</summary>
internal sealed partial class ConsoleApi
{
    private Task<JsonNode> GraphAsync(IQueryCollection query, CancellationToken ct) => throw new ConsoleRequestException("NotImplemented", "graph", 501);

    private Task<JsonNode> ExecutionGraphAsync(IQueryCollection query, CancellationToken ct) => throw new ConsoleRequestException("NotImplemented", "graph", 501);
}
