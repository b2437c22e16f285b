using Quickstep.Json;

namespace Quickstep.Asl.Model;

/// <summary>A state of any type: the fields every type shares (<see cref="Common"/>) and, in each subclass, its own.</summary>
public abstract class State
{
    /// <summary>The shared fields, read once per state by the loader.</summary>
    public required CommonFields Common { get; init; }

    public string Name => Common.Name;

    /// <summary>JSON pointer of the state object, e.g. "/States/Hello".</summary>
    public string Pointer => Common.Pointer;

    public abstract StateType Type { get; }

    public string? Comment => Common.Comment;

    /// <summary>The effective query language of this state (its own, else the machine's).</summary>
    public QueryLanguage QueryLanguage => Common.QueryLanguage;

    public string? Next => Common.Next;

    public bool End => Common.End;

    /// <summary>JSONPath InputPath: absent, JSON null, or a path string.</summary>
    public JValue? InputPath => Common.InputPath;

    /// <summary>JSONPath OutputPath: absent, JSON null, or a path string.</summary>
    public JValue? OutputPath => Common.OutputPath;

    /// <summary>Assign: an object of variable names to values/templates/expressions.</summary>
    public JValue? Assign => Common.Assign;

    /// <summary>JSONata Output: any JSON, strings may be "{% expression %}".</summary>
    public JValue? Output => Common.Output;
}
