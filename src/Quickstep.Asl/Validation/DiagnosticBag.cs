namespace Quickstep.Asl.Validation;

/// <summary>Collects diagnostics; validation never stops at the first problem.</summary>
internal sealed class DiagnosticBag
{
    private readonly List<Diagnostic> _items = [];

    public int Count => _items.Count;

    public IReadOnlyList<Diagnostic> Items => _items;

    public void Add(string code, string pointer, string message) => _items.Add(new Diagnostic(code, pointer, message));
}
