using System.Diagnostics.CodeAnalysis;

namespace Quickstep.Integrations.Mocking;

/// <summary>A named mocked response: what each invocation of a mocked Task state returns or throws.</summary>
public sealed class MockedResponse
{
    private readonly MockedResponseEntry[] _entries;

    internal MockedResponse(string name, MockedResponseEntry[] entries)
    {
        Name = name;
        _entries = entries;
    }

    public string Name { get; }

    /// <summary>The entries in invocation order; they cover 0…<see cref="InvocationCount"/>−1 without gaps.</summary>
    public IReadOnlyList<MockedResponseEntry> Entries => _entries;

    /// <summary>How many invocations the entries cover.</summary>
    public int InvocationCount => _entries.Length == 0 ? 0 : _entries[^1].LastInvocation + 1;

    /// <summary>The entry for a 0-based invocation, or false past the last one covered.</summary>
    public bool TryGetEntry(int invocation, [NotNullWhen(true)] out MockedResponseEntry? entry)
    {
        // Entries are few (usually 1–3): a linear scan beats a search.
        foreach (var candidate in _entries)
        {
            if (invocation >= candidate.FirstInvocation && invocation <= candidate.LastInvocation)
            {
                entry = candidate;
                return true;
            }
        }

        entry = null;
        return false;
    }
}
