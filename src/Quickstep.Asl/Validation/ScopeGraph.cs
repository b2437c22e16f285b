namespace Quickstep.Asl.Validation;

/// <summary>
/// The states of one <c>States</c> block (the machine, a Parallel branch or a Map processor) and their
/// transitions, for the checks that need the whole scope: targets exist in this scope, every state is reachable.
/// </summary>
internal sealed class ScopeGraph
{
    private readonly Dictionary<string, string> _states = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<string>> _edges = new(StringComparer.Ordinal);
    private readonly List<(string From, string Target, string Pointer)> _transitions = [];
    private readonly string _pointer;
    private string? _startAt;
    private bool _hasTerminal;
    private string _startAtPointer = "";

    public ScopeGraph(string pointer) => _pointer = pointer;

    /// <summary>False when a state could not be read far enough to know its transitions: reachability is then not judged.</summary>
    public bool Complete { get; private set; } = true;

    public IEnumerable<KeyValuePair<string, string>> States => _states;

    public bool Contains(string name) => _states.ContainsKey(name);

    public void AddState(string name, string pointer) => _states.TryAdd(name, pointer);

    public void MarkIncomplete() => Complete = false;

    /// <summary>Records that the scope has a terminal state (End: true, Succeed or Fail).</summary>
    public void MarkTerminal() => _hasTerminal = true;

    public void SetStartAt(string name, string pointer)
    {
        _startAt = name;
        _startAtPointer = pointer;
    }

    public void AddTransition(string from, string target, string pointer)
    {
        _transitions.Add((from, target, pointer));
        if (!_edges.TryGetValue(from, out var list))
            _edges[from] = list = [];
        list.Add(target);
    }

    /// <summary>Reports bad targets and unreachable states; <paramref name="allNames"/> holds every state name of the machine.</summary>
    public void Validate(DiagnosticBag bag, IReadOnlySet<string> allNames)
    {
        if (_startAt is not null)
            CheckTarget(bag, allNames, _startAt, _startAtPointer, "StartAt");
        foreach (var (_, target, pointer) in _transitions)
            CheckTarget(bag, allNames, target, pointer, pointer[(pointer.LastIndexOf('/') + 1)..]);

        // AWS: MISSING_END_STATE "Workflow has no terminal state", judged on every state, reachable or not.
        if (Complete && !_hasTerminal && _states.Count > 0)
            bag.Add(DiagnosticCodes.MissingEndState, _pointer, "Workflow has no terminal state");

        if (!Complete || _startAt is null || !_states.ContainsKey(_startAt))
            return;
        var reached = new HashSet<string>(StringComparer.Ordinal) { _startAt };
        var work = new Stack<string>();
        work.Push(_startAt);
        while (work.Count > 0)
        {
            if (!_edges.TryGetValue(work.Pop(), out var targets))
                continue;
            foreach (var t in targets)
            {
                if (_states.ContainsKey(t) && reached.Add(t))
                    work.Push(t);
            }
        }

        foreach (var (name, pointer) in _states)
        {
            if (!reached.Contains(name))
                bag.Add(DiagnosticCodes.UnreachableState, pointer, $"State \"{name}\" is not reachable.");
        }
    }

    private void CheckTarget(DiagnosticBag bag, IReadOnlySet<string> allNames, string target, string pointer, string field)
    {
        if (_states.ContainsKey(target))
            return;
        if (allNames.Contains(target))
        {
            bag.Add(DiagnosticCodes.TransitionOutOfScope, pointer, $"The field '{field}' names state '{target}', which is in another scope: transitions may not cross a Parallel branch or Map processor boundary.");
            return;
        }

        bag.Add(DiagnosticCodes.NoSuchState, pointer, $"Missing '{field}' target: {target}");
    }
}
