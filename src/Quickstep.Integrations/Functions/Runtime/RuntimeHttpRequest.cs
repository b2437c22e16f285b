namespace Quickstep.Integrations.Functions.Runtime;

/// <summary>One request to a Runtime API listener: method, path, the few headers it reads, the body.</summary>
internal sealed record RuntimeHttpRequest(string Method, string Path, string? ErrorType, byte[] Body);
