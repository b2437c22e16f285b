namespace Quickstep.Server.Api;

/// <summary>A page asked for: the store key to continue after (null for the first page), the page size and the query binding of its tokens.</summary>
internal readonly record struct PageRequest(string? After, int Limit, string Binding);
