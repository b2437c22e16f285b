using System.Text.Json.Nodes;

namespace Quickstep.Server.Api;

/// <summary>One API operation: a request body in, a response body out (or an <see cref="ApiException"/>).</summary>
internal delegate Task<JsonObject> Operation(ApiContext context, ApiRequest request, CancellationToken cancellationToken);
