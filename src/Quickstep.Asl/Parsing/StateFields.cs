using Quickstep.Asl.Model;

namespace Quickstep.Asl.Parsing;

/// <summary>
/// The field availability matrix: which fields each state type accepts, per query language
/// (ASL spec state tables; asl-features.md §1.2, §3.2).
/// </summary>
internal static class StateFields
{
    private const int Pass = 1 << (int)StateType.Pass;
    private const int Task = 1 << (int)StateType.Task;
    private const int Choice = 1 << (int)StateType.Choice;
    private const int Wait = 1 << (int)StateType.Wait;
    private const int Succeed = 1 << (int)StateType.Succeed;
    private const int Fail = 1 << (int)StateType.Fail;
    private const int Parallel = 1 << (int)StateType.Parallel;
    private const int Map = 1 << (int)StateType.Map;
    private const int All = Pass | Task | Choice | Wait | Succeed | Fail | Parallel | Map;
    private const int Transitioning = Pass | Task | Wait | Parallel | Map;
    private const int Working = Task | Parallel | Map;

    private static readonly Dictionary<string, FieldRule> Rules = new(StringComparer.Ordinal)
    {
        ["Type"] = Both(All),
        ["Comment"] = Both(All),
        ["QueryLanguage"] = Both(All),
        ["Next"] = Both(Transitioning),
        ["End"] = Both(Transitioning),
        ["InputPath"] = JsonPathOnly(All & ~Fail),
        ["OutputPath"] = JsonPathOnly(All & ~Fail),
        ["Assign"] = Both(All & ~(Succeed | Fail)),
        ["Output"] = JsonataOnly(All & ~Fail),
        ["ResultPath"] = JsonPathOnly(Working | Pass),
        ["Parameters"] = JsonPathOnly(Working | Pass),
        ["ResultSelector"] = JsonPathOnly(Working),
        ["Retry"] = Both(Working),
        ["Catch"] = Both(Working),
        ["Arguments"] = JsonataOnly(Task | Parallel),
        ["Result"] = Both(Pass),
        ["Resource"] = Both(Task),
        ["TimeoutSeconds"] = Both(Task),
        ["TimeoutSecondsPath"] = JsonPathOnly(Task),
        ["HeartbeatSeconds"] = Both(Task),
        ["HeartbeatSecondsPath"] = JsonPathOnly(Task),
        ["Credentials"] = Both(Task),
        ["Choices"] = Both(Choice),
        ["Default"] = Both(Choice),
        ["Seconds"] = Both(Wait),
        ["SecondsPath"] = JsonPathOnly(Wait),
        ["Timestamp"] = Both(Wait),
        ["TimestampPath"] = JsonPathOnly(Wait),
        ["Error"] = Both(Fail),
        ["ErrorPath"] = JsonPathOnly(Fail),
        ["Cause"] = Both(Fail),
        ["CausePath"] = JsonPathOnly(Fail),
        ["Branches"] = Both(Parallel),
        ["ItemProcessor"] = Both(Map),
        ["Iterator"] = Both(Map),
        ["ItemsPath"] = JsonPathOnly(Map),
        ["Items"] = JsonataOnly(Map),
        ["ItemSelector"] = Both(Map),
        ["ItemReader"] = Both(Map),
        ["ItemBatcher"] = Both(Map),
        ["ResultWriter"] = Both(Map),
        ["MaxConcurrency"] = Both(Map),
        ["MaxConcurrencyPath"] = JsonPathOnly(Map),
        ["ToleratedFailureCount"] = Both(Map),
        ["ToleratedFailureCountPath"] = JsonPathOnly(Map),
        ["ToleratedFailurePercentage"] = Both(Map),
        ["ToleratedFailurePercentagePath"] = JsonPathOnly(Map),
        ["Label"] = Both(Map),
    };

    public static bool TryGet(string field, out FieldRule rule) => Rules.TryGetValue(field, out rule);

    private static FieldRule Both(int types) => new(types, JsonPath: true, Jsonata: true);

    private static FieldRule JsonPathOnly(int types) => new(types, JsonPath: true, Jsonata: false);

    private static FieldRule JsonataOnly(int types) => new(types, JsonPath: false, Jsonata: true);
}
