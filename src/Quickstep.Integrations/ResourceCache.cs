using System.Collections.Concurrent;

namespace Quickstep.Integrations;

/// <summary>
/// What a handler worked out for each resource string (a parsed ARN, the handler chosen), remembered; resources are
/// constants of definitions, so the bound is a guard only: past it, answers are worked out again each time.
/// </summary>
internal sealed class ResourceCache<T>(Func<string, T?> resolve)
    where T : class
{
    private const int MaxEntries = 4096;

    private readonly ConcurrentDictionary<string, T?> _entries = new(StringComparer.Ordinal);

    public T? Get(string resource)
    {
        if (_entries.TryGetValue(resource, out var cached))
            return cached;
        var resolved = resolve(resource);
        if (_entries.Count < MaxEntries)
            _entries.TryAdd(resource, resolved);
        return resolved;
    }
}
