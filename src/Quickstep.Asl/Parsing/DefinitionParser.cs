using System.Text;
using Quickstep.Asl.Model;
using Quickstep.Asl.Validation;
using Quickstep.Json;

namespace Quickstep.Asl.Parsing;

/// <summary>
/// Reads a definition object into the model and reports every problem it finds on the way; the
/// checks that need whole scopes (transition targets, reachability) run at the end, in <see cref="ScopeGraph"/>.
/// One instance per load.
/// </summary>
internal sealed partial class DefinitionParser
{
    private const int MaxStateNameLength = 80;

    private static readonly string[] RootFields = ["StartAt", "States", "Comment", "Version", "TimeoutSeconds", "QueryLanguage"];
    private static readonly string[] BranchFields = ["StartAt", "States", "Comment"];
    private static readonly string[] ProcessorFields = ["StartAt", "States", "Comment", "ProcessorConfig"];

    private readonly DiagnosticBag _bag;
    private readonly LoadOptions _options;
    private readonly List<ScopeGraph> _scopes = [];
    private readonly HashSet<string> _stateNames = new(StringComparer.Ordinal);
    private readonly ExpressionTable _expressions = new();
    private QueryLanguage _machineLanguage;

    public DefinitionParser(DiagnosticBag bag, LoadOptions options)
    {
        _bag = bag;
        _options = options;
    }

    private enum MachineKind : byte
    {
        Root,
        Branch,
        Processor,
    }

    public StateMachineDefinition Parse(JObject root)
    {
        _machineLanguage = ReadMachineLanguage(root);
        var definition = ParseMachine(root, "", MachineKind.Root);
        foreach (var scope in _scopes)
            scope.Validate(_bag, _stateNames);
        return definition;
    }

    private QueryLanguage ReadMachineLanguage(JObject root)
    {
        if (!root.TryGetValue("QueryLanguage", out var value))
            return QueryLanguage.JSONPath;
        return TryReadLanguage(value, "/QueryLanguage", out var language) ? language : QueryLanguage.JSONPath;
    }

    private bool TryReadLanguage(JValue value, string pointer, out QueryLanguage language)
    {
        language = QueryLanguage.JSONPath;
        if (value is not JString s)
        {
            Report(DiagnosticCodes.InvalidType, pointer, "The field 'QueryLanguage' must be a string: \"JSONPath\" or \"JSONata\".");
            return false;
        }

        switch (s.Value)
        {
            case "JSONPath":
                return true;
            case "JSONata":
                language = QueryLanguage.JSONata;
                return true;
            default:
                Report(DiagnosticCodes.InvalidValue, pointer, $"The field 'QueryLanguage' must be \"JSONPath\" or \"JSONata\", not \"{s.Value}\".");
                return false;
        }
    }

    private StateMachineDefinition ParseMachine(JObject obj, string pointer, MachineKind kind)
    {
        var allowed = kind switch
        {
            MachineKind.Root => RootFields,
            MachineKind.Branch => BranchFields,
            _ => ProcessorFields,
        };
        foreach (var (key, _) in obj)
        {
            if (Array.IndexOf(allowed, key) < 0)
                Report(DiagnosticCodes.UnknownField, JsonPointer.Append(pointer, key), UnsupportedField(key));
        }

        RequireFields(obj, pointer, "States", "StartAt");

        var scope = new ScopeGraph(pointer);
        _scopes.Add(scope);

        var startAt = ReadString(obj, pointer, "StartAt");

        // Without a States object every StartAt would be "missing": one diagnostic (States) is enough.
        if (startAt is not null && obj["States"] is JObject)
            scope.SetStartAt(startAt, JsonPointer.Append(pointer, "StartAt"));

        string? version = null;
        int? timeoutSeconds = null;
        ProcessorConfig? processorConfig = null;
        if (kind == MachineKind.Root)
        {
            version = ReadString(obj, pointer, "Version");
            if (version is not null && version != "1.0")
                Report(DiagnosticCodes.InvalidValue, "/Version", $"The field 'Version' must be \"1.0\", not \"{version}\".");
            timeoutSeconds = ReadIntLiteral(obj, pointer, "TimeoutSeconds", 0, 99999999);
        }
        else if (kind == MachineKind.Processor && obj.TryGetValue("ProcessorConfig", out var config))
        {
            processorConfig = ParseProcessorConfig(config, JsonPointer.Append(pointer, "ProcessorConfig"));
        }

        var states = new List<State>();
        if (obj.TryGetValue("States", out var statesValue))
        {
            var statesPointer = JsonPointer.Append(pointer, "States");
            if (statesValue is JObject statesObj)
                ParseStates(statesObj, statesPointer, scope, states);
            else
                Report(DiagnosticCodes.InvalidType, statesPointer, "The field 'States' must be an object.");
        }

        return new StateMachineDefinition
        {
            StartAt = startAt ?? "",
            States = states,
            Comment = ReadString(obj, pointer, "Comment"),
            Version = version,
            TimeoutSeconds = timeoutSeconds,
            QueryLanguage = _machineLanguage,
            ProcessorConfig = processorConfig,
            Pointer = pointer,
            Expressions = _expressions,
        };
    }

    private void ParseStates(JObject statesObj, string statesPointer, ScopeGraph scope, List<State> states)
    {
        // Names first, so that transitions can be judged against the whole scope.
        foreach (var (name, _) in statesObj)
        {
            var statePointer = JsonPointer.Append(statesPointer, name);
            scope.AddState(name, statePointer);
            if (!_stateNames.Add(name))
                Report(DiagnosticCodes.DuplicateStateName, statePointer, $"Duplicate state name: '{name}'. State names must be unique within the whole state machine.");
            var length = CountRunes(name);
            if (length == 0)
                Report(DiagnosticCodes.InvalidStateName, statePointer, "A state name must not be empty.");
            else if (length > MaxStateNameLength)
                Report(DiagnosticCodes.InvalidStateName, statePointer, $"The state name '{name}' is longer than {MaxStateNameLength} characters.");
        }

        foreach (var (name, value) in statesObj)
        {
            var state = ParseState(name, value, JsonPointer.Append(statesPointer, name), scope);
            if (state is not null)
                states.Add(state);
        }
    }

    private ProcessorConfig? ParseProcessorConfig(JValue value, string pointer)
    {
        if (value is not JObject obj)
        {
            Report(DiagnosticCodes.InvalidType, pointer, "The field 'ProcessorConfig' must be an object.");
            return null;
        }

        foreach (var (key, _) in obj)
        {
            if (key is not ("Mode" or "ExecutionType"))
                Report(DiagnosticCodes.UnknownField, JsonPointer.Append(pointer, key), UnsupportedField(key));
        }

        var mode = ReadEnum(obj, pointer, "Mode", "INLINE", "DISTRIBUTED");
        var executionType = ReadEnum(obj, pointer, "ExecutionType", "STANDARD", "EXPRESS");
        return new ProcessorConfig { Mode = mode ?? "INLINE", ExecutionType = executionType };
    }

    private State? ParseState(string name, JValue value, string pointer, ScopeGraph scope)
    {
        if (value is not JObject obj)
        {
            Report(DiagnosticCodes.InvalidType, pointer, $"State '{name}' must be an object.");
            scope.MarkIncomplete();
            return null;
        }

        var type = ReadStateType(obj, pointer);
        var language = _machineLanguage;
        if (obj.TryGetValue("QueryLanguage", out var ql) && TryReadLanguage(ql, JsonPointer.Append(pointer, "QueryLanguage"), out var own))
        {
            // Recorded AWS message, reported at the state (asl-api.md, ValidateStateMachineDefinition).
            if (_machineLanguage == QueryLanguage.JSONata && own == QueryLanguage.JSONPath)
                Report(DiagnosticCodes.QueryLanguageConflict, pointer, "'QueryLanguage' can not be 'JSONPath' if set to 'JSONata' for whole state machine");
            language = own;
        }

        if (type is null)
        {
            scope.MarkIncomplete();
            return null;
        }

        var c = new StateContext(name, obj, pointer, type.Value, language);
        CheckStateFields(c);
        var common = ReadCommon(c, scope);
        State state = type.Value switch
        {
            StateType.Pass => ParsePass(c, common),
            StateType.Task => ParseTask(c, common, scope),
            StateType.Choice => ParseChoice(c, common, scope),
            StateType.Wait => ParseWait(c, common),
            StateType.Succeed => ParseSucceed(c, common),
            StateType.Fail => ParseFail(c, common),
            StateType.Parallel => ParseParallel(c, common, scope),
            _ => ParseMap(c, common, scope),
        };
        if (state.End || state.Type is StateType.Succeed or StateType.Fail)
            scope.MarkTerminal();
        return state;
    }

    private StateType? ReadStateType(JObject obj, string pointer)
    {
        if (ReadRequired<JString>(obj["Type"], pointer, "Type", "a string") is not { } s)
            return null;
        var typePointer = JsonPointer.Append(pointer, "Type");
        StateType? type = s.Value switch
        {
            "Pass" => StateType.Pass,
            "Task" => StateType.Task,
            "Choice" => StateType.Choice,
            "Wait" => StateType.Wait,
            "Succeed" => StateType.Succeed,
            "Fail" => StateType.Fail,
            "Parallel" => StateType.Parallel,
            "Map" => StateType.Map,
            _ => null,
        };
        // Recorded AWS message, in AWS's order (test_state/machine_scenarios/test_state_name_invalid_state_definition).
        if (type is null)
            Report(DiagnosticCodes.InvalidValue, typePointer, "The field 'Type' should have one of these values: [Task, Wait, Pass, Succeed, Fail, Choice, Parallel, Map]");
        return type;
    }

    private void CheckStateFields(in StateContext c)
    {
        foreach (var (key, _) in c.Obj)
        {
            var pointer = c.PointerTo(key);
            if (!StateFields.TryGet(key, out var rule))
                Report(DiagnosticCodes.UnknownField, pointer, UnsupportedField(key));
            else if (!rule.AllowsType(c.Type))
                Report(DiagnosticCodes.FieldNotAllowed, pointer, UnsupportedField(key));
            else if (!rule.AllowsLanguage(c.Language))
                Report(DiagnosticCodes.FieldNotAllowedForQueryLanguage, pointer, WrongLanguageField(c.Language, key));
        }
    }

    /// <summary>The fields every state type shares, read here once for every type (those the type does not allow come back null).</summary>
    private CommonFields ReadCommon(in StateContext c, ScopeGraph scope)
    {
        string? next = null;
        var end = false;
        if (c.Type is not (StateType.Choice or StateType.Succeed or StateType.Fail))
        {
            var nextValue = c.Get("Next");
            var endValue = c.Get("End");
            next = ReadString(c.Obj, c.Pointer, "Next");
            if (next is not null)
                scope.AddTransition(c.Name, next, c.PointerTo("Next"));
            if (endValue is not null)
            {
                if (endValue.IsBool)
                    end = endValue.Kind == JKind.True;
                else
                    Report(DiagnosticCodes.InvalidType, c.PointerTo("End"), "The field 'End' must be a boolean.");
            }

            if (nextValue is not null && endValue is not null)
                Report(DiagnosticCodes.MutuallyExclusiveFields, c.Pointer, "The fields 'Next' and 'End' are mutually exclusive.");
            else if (nextValue is null && (endValue is null || endValue.Kind == JKind.False))
                Report(DiagnosticCodes.MissingTransition, c.Pointer, $"State '{c.Name}' must have either 'Next' or 'End': true.");
        }

        return new CommonFields
        {
            Name = c.Name,
            Pointer = c.Pointer,
            QueryLanguage = c.Language,
            Comment = ReadString(c.Obj, c.Pointer, "Comment"),
            Next = next,
            End = end,
            InputPath = ReadPathOrNull(c, "InputPath", PathKind.Path),
            OutputPath = ReadPathOrNull(c, "OutputPath", PathKind.Path),
            Assign = ReadAssign(c.Get("Assign"), c.PointerTo("Assign"), c.Language),
            Output = ReadJsonataValue(c.Get("Output"), c.PointerTo("Output")),
        };
    }

    private void RequireFields(JObject obj, string pointer, params ReadOnlySpan<string> fields)
    {
        StringBuilder? missing = null;
        foreach (var field in fields)
        {
            if (obj.ContainsKey(field))
                continue;
            missing = missing is null ? new StringBuilder() : missing.Append(", ");
            missing.Append(field);
        }

        // AWS lists every missing field in one message: "These fields are required: [States, StartAt]".
        if (missing is not null)
            Report(DiagnosticCodes.MissingField, pointer, $"These fields are required: [{missing}]");
    }

    private void Report(string code, string pointer, string message) => _bag.Add(code, pointer, message);

    // AWS's wording for a field a place does not support, whatever the reason (measured with ValidateStateMachineDefinition).
    private static string UnsupportedField(string field) => $"Field '{field}' is not supported";

    // AWS's wording for a field of the other query language.
    private static string WrongLanguageField(QueryLanguage language, string field)
    {
        var other = language == QueryLanguage.JSONata ? QueryLanguage.JSONPath : QueryLanguage.JSONata;
        return $"The QueryLanguage is set to '{language}', but field '{field}' is only supported for the '{other}' QueryLanguage";
    }

    private static int CountRunes(string s)
    {
        var n = 0;
        foreach (var _ in s.EnumerateRunes())
            n++;
        return n;
    }
}
