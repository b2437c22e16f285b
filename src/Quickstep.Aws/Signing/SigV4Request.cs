namespace Quickstep.Aws.Signing;

/// <summary>A received request as the verifier needs it, independent of the HTTP stack.</summary>
/// <param name="Method">e.g. <c>POST</c>.</param>
/// <param name="RawPath">The path as sent, still percent-encoded, without the query.</param>
/// <param name="RawQuery">The query as sent, without <c>?</c>; empty for none.</param>
/// <param name="Header">A header's value by lower-case name (several values joined by <c>,</c>), or null.</param>
public sealed record SigV4Request(string Method, string RawPath, string RawQuery, Func<string, string?> Header);
