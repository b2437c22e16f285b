using Quickstep.Engine.History;
using Quickstep.Json;

namespace Quickstep.Integrations.Testing;

/// <summary>
/// Which states, Choice branches (by target state) and Catchers of each definition the tests reached, read from the
/// executions' histories.
/// </summary>
public sealed class WorkflowCoverage
{
    /// <summary>The definition's path.</summary>
    public required string Definition { get; init; }

    /// <summary>Every state (nested ones too) → reached.</summary>
    public required IReadOnlyList<KeyValuePair<string, bool>> States { get; init; }

    /// <summary>"Choice → target" for each rule's Next and the Default → reached.</summary>
    public required IReadOnlyList<KeyValuePair<string, bool>> Branches { get; init; }

    /// <summary>"State Catch[i] [errors] → target" → reached.</summary>
    public required IReadOnlyList<KeyValuePair<string, bool>> Catchers { get; init; }

    /// <summary>Coverage of each definition the results ran.</summary>
    public static IReadOnlyList<WorkflowCoverage> Compute(IReadOnlyList<WorkflowTestResult> results)
    {
        ArgumentNullException.ThrowIfNull(results);
        var list = new List<WorkflowCoverage>();
        foreach (var group in results.GroupBy(r => r.File.DefinitionPath, StringComparer.Ordinal))
        {
            JObject? definition;
            try
            {
                definition = JsonText.Parse(File.ReadAllText(group.Key)) as JObject;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonTextException)
            {
                continue;
            }

            if (definition is null)
                continue;
            var shape = new Shape();
            shape.Read(definition);
            var entered = new HashSet<string>(StringComparer.Ordinal);
            var branches = new HashSet<string>(StringComparer.Ordinal);
            var catchers = new HashSet<string>(StringComparer.Ordinal);
            foreach (var r in group)
                Walk(r.History, shape, entered, branches, catchers);
            list.Add(new WorkflowCoverage
            {
                Definition = group.Key,
                States = [.. shape.States.Select(s => new KeyValuePair<string, bool>(s, entered.Contains(s)))],
                Branches = [.. shape.Branches.Select(b => new KeyValuePair<string, bool>(b.Label, branches.Contains(b.Key)))],
                Catchers = [.. shape.Catchers.Select(c => new KeyValuePair<string, bool>(c.Label, catchers.Contains(c.Key)))],
            });
        }

        return list;
    }

    private static void Walk(IReadOnlyList<HistoryEvent> history, Shape shape, HashSet<string> entered, HashSet<string> branches, HashSet<string> catchers)
    {
        var byId = new Dictionary<long, HistoryEvent>();
        foreach (var e in history)
            byId[e.Id] = e;
        foreach (var e in history)
        {
            if (!e.Type.EndsWith("StateEntered", StringComparison.Ordinal) || e.Details?["name"] is not JString name)
                continue;
            entered.Add(name.Value);
            // The event before StateEntered is the previous state's StateExited (history chains each event to the one before it).
            if (!byId.TryGetValue(e.PreviousEventId, out var exited) || !exited.Type.EndsWith("StateExited", StringComparison.Ordinal) || exited.Details?["name"] is not JString from)
                continue;
            if (exited.Type == "ChoiceStateExited")
                branches.Add(from.Value + "\u0000" + name.Value);
            else if (byId.TryGetValue(exited.PreviousEventId, out var before) && (before.Type.EndsWith("Failed", StringComparison.Ordinal) || before.Type.EndsWith("TimedOut", StringComparison.Ordinal)))
                catchers.Add(from.Value + "\u0000" + name.Value);
        }
    }

    /// <summary>The definition's states, Choice targets and Catchers, nested scopes included.</summary>
    private sealed class Shape
    {
        public List<string> States { get; } = [];

        public List<(string Label, string Key)> Branches { get; } = [];

        public List<(string Label, string Key)> Catchers { get; } = [];

        public void Read(JObject scope)
        {
            if (scope["States"] is not JObject states)
                return;
            foreach (var (name, value) in states)
            {
                States.Add(name);
                if (value is not JObject state)
                    continue;
                if (state["Choices"] is JArray choices)
                {
                    var targets = new List<string>();
                    foreach (var rule in choices)
                    {
                        if (rule is JObject r && r["Next"] is JString next && !targets.Contains(next.Value))
                            targets.Add(next.Value);
                    }

                    if (state["Default"] is JString d && !targets.Contains(d.Value))
                        targets.Add(d.Value);
                    foreach (var t in targets)
                        Branches.Add(($"{name} → {t}", name + "\u0000" + t));
                }

                if (state["Catch"] is JArray catchList)
                {
                    for (var i = 0; i < catchList.Count; i++)
                    {
                        if (catchList[i] is JObject c && c["Next"] is JString next)
                            Catchers.Add(($"{name} Catch[{i}] {c["ErrorEquals"]} → {next.Value}", name + "\u0000" + next.Value));
                    }
                }

                if (state["Branches"] is JArray parallel)
                {
                    foreach (var b in parallel)
                    {
                        if (b is JObject branch)
                            Read(branch);
                    }
                }

                if ((state["ItemProcessor"] ?? state["Iterator"]) is JObject processor)
                    Read(processor);
            }
        }
    }
}
