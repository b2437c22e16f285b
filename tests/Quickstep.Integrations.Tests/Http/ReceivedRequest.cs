namespace Quickstep.Integrations.Tests.Http;

/// <summary>One request a <see cref="LoopbackHttpServer"/> received.</summary>
internal sealed record ReceivedRequest(string Method, string Path, string Query, IReadOnlyDictionary<string, string> Headers, string Body)
{
    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;
}
