namespace Quickstep.Integrations.Functions.Runtime;

/// <summary>An answer of a Runtime API listener.</summary>
internal sealed record RuntimeHttpResponse(int StatusCode, byte[] Body, IReadOnlyList<KeyValuePair<string, string>>? Headers = null);
