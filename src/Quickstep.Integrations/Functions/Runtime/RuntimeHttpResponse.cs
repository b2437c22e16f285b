namespace Quickstep.Integrations.Functions.Runtime;

/// <summary>An answer of a Runtime API listener; <paramref name="AfterWrite"/> runs once it is on the wire.</summary>
internal sealed record RuntimeHttpResponse(int StatusCode, byte[] Body, IReadOnlyList<KeyValuePair<string, string>>? Headers = null, Action? AfterWrite = null);
