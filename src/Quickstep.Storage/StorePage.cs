namespace Quickstep.Storage;

/// <summary>
/// One page of a list, in the list's order. <see cref="NextKey"/> is the store's opaque key of the last item
/// when more follow (pass it back as <c>after</c>; it stays correct while items are added), else null.
/// </summary>
public sealed record StorePage<T>(IReadOnlyList<T> Items, string? NextKey);
