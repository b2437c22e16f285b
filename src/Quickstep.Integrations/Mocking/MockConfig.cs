using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using Quickstep.Asl.Errors;
using Quickstep.Json;

namespace Quickstep.Integrations.Mocking;

/// <summary>
/// An AWS Step Functions Local mock configuration (<c>MockConfigFile.json</c>, AWS developer guide
/// "sfn-local-mock-cfg-file"):
/// <code>
/// {"StateMachines": {"&lt;sm&gt;": {"TestCases": {"&lt;case&gt;": {"&lt;state&gt;": "&lt;response name&gt;"}}}},
///  "MockedResponses": {"&lt;name&gt;": {"0": {"Return": …}, "1-2": {"Throw": {"Error": "…", "Cause": "…"}}}}}
/// </code>
/// Validation collects every problem: unknown fields, a test case naming an undefined response,
/// invocation keys that are not <c>N</c> or <c>A-B</c>, that overlap or leave gaps from 0 (the guide:
/// "you must specify a mocked response for every invocation"), and entries without exactly one of
/// <c>Return</c> or <c>Throw</c> (whose <c>Error</c> is a required string and <c>Cause</c> an optional one).
/// Immutable and thread-safe.
/// </summary>
public sealed class MockConfig
{
    private readonly Dictionary<string, Dictionary<string, Dictionary<string, MockedResponse>>> _stateMachines;

    private MockConfig(Dictionary<string, Dictionary<string, Dictionary<string, MockedResponse>>> stateMachines, Dictionary<string, MockedResponse> responses)
    {
        _stateMachines = stateMachines;
        MockedResponses = responses;
    }

    /// <summary>The mocked responses by name.</summary>
    public IReadOnlyDictionary<string, MockedResponse> MockedResponses { get; }

    /// <summary>Reads and validates a mock config file.</summary>
    public static MockConfig Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return Parse(ConfigFileText.Read(path, static (file, errors) => new MockConfigException(file, errors)), path);
    }

    /// <summary>Parses and validates mock config text; <paramref name="source"/> names it in errors.</summary>
    public static MockConfig Parse(string json, string source = "mock config")
    {
        ArgumentNullException.ThrowIfNull(json);
        if (!JsonText.TryParse(json, out var root, out var parseError) || root is null)
            throw new MockConfigException(source, [$"not valid JSON: {parseError}"]);
        if (root is not JObject rootObject)
            throw new MockConfigException(source, [$"the file must hold a JSON object with 'StateMachines' and 'MockedResponses', not {root.TypeName}."]);

        var errors = new List<string>();
        foreach (var property in rootObject.AsSpan())
        {
            if (property.Key is not ("StateMachines" or "MockedResponses"))
                errors.Add($"unknown field '{property.Key}' at the top level (expected 'StateMachines' or 'MockedResponses').");
        }

        var responses = new Dictionary<string, MockedResponse>(StringComparer.Ordinal);
        if (rootObject.TryGetValue("MockedResponses", out var responsesValue))
        {
            if (responsesValue is JObject responsesObject)
            {
                foreach (var (name, value) in responsesObject.AsSpan())
                {
                    if (ReadResponse(name, value, errors) is { } response)
                        responses[name] = response;
                }
            }
            else
            {
                errors.Add($"'MockedResponses' must be an object, not {responsesValue.TypeName}.");
            }
        }

        var machines = new Dictionary<string, Dictionary<string, Dictionary<string, MockedResponse>>>(StringComparer.Ordinal);
        if (rootObject.TryGetValue("StateMachines", out var machinesValue))
        {
            if (machinesValue is JObject machinesObject)
            {
                foreach (var (name, value) in machinesObject.AsSpan())
                    machines[name] = ReadStateMachine(name, value, responsesObjectOrNull(responsesValue), responses, errors);
            }
            else
            {
                errors.Add($"'StateMachines' must be an object, not {machinesValue.TypeName}.");
            }
        }

        if (errors.Count > 0)
            throw new MockConfigException(source, errors);
        return new MockConfig(machines, responses);

        static JObject? responsesObjectOrNull(JValue? value) => value as JObject;
    }

    /// <summary>Whether the config defines <paramref name="testCase"/> for <paramref name="stateMachineName"/>.</summary>
    public bool HasTestCase(string stateMachineName, string testCase) =>
        _stateMachines.TryGetValue(stateMachineName, out var cases) && cases.ContainsKey(testCase);

    /// <summary>The mocked response a test case assigns to a state, if any.</summary>
    public bool TryGetMockedResponse(string stateMachineName, string testCase, string stateName, [NotNullWhen(true)] out MockedResponse? response)
    {
        response = null;
        return _stateMachines.TryGetValue(stateMachineName, out var cases)
            && cases.TryGetValue(testCase, out var states)
            && states.TryGetValue(stateName, out response);
    }

    private static Dictionary<string, Dictionary<string, MockedResponse>> ReadStateMachine(
        string name, JValue value, JObject? declared, Dictionary<string, MockedResponse> responses, List<string> errors)
    {
        var cases = new Dictionary<string, Dictionary<string, MockedResponse>>(StringComparer.Ordinal);
        var where = $"StateMachines['{name}']";
        if (value is not JObject machine)
        {
            errors.Add($"{where} must be an object {{\"TestCases\": {{…}}}}, not {value.TypeName}.");
            return cases;
        }

        foreach (var property in machine.AsSpan())
        {
            if (property.Key != "TestCases")
                errors.Add($"{where}: unknown field '{property.Key}' (expected 'TestCases').");
        }

        if (!machine.TryGetValue("TestCases", out var casesValue))
        {
            errors.Add($"{where}: the field 'TestCases' is missing.");
            return cases;
        }

        if (casesValue is not JObject casesObject)
        {
            errors.Add($"{where}.TestCases must be an object, not {casesValue.TypeName}.");
            return cases;
        }

        foreach (var (caseName, caseValue) in casesObject.AsSpan())
        {
            var states = new Dictionary<string, MockedResponse>(StringComparer.Ordinal);
            cases[caseName] = states;
            var caseWhere = $"{where}.TestCases['{caseName}']";
            if (caseValue is not JObject caseObject)
            {
                errors.Add($"{caseWhere} must be an object of state name → mocked response name, not {caseValue.TypeName}.");
                continue;
            }

            foreach (var (stateName, responseName) in caseObject.AsSpan())
            {
                if (responseName is not JString { Value: var responseKey })
                {
                    errors.Add($"{caseWhere}['{stateName}'] must be the name of a mocked response (a string), not {responseName.TypeName}.");
                    continue;
                }

                if (responses.TryGetValue(responseKey, out var response))
                    states[stateName] = response;
                else if (declared is null || !declared.ContainsKey(responseKey))
                    errors.Add($"{caseWhere}['{stateName}'] names the mocked response '{responseKey}', which 'MockedResponses' does not define.");
            }
        }

        return cases;
    }

    private static MockedResponse? ReadResponse(string name, JValue value, List<string> errors)
    {
        var where = $"MockedResponses['{name}']";
        if (value is not JObject responseObject)
        {
            errors.Add($"{where} must be an object of invocation number or range → {{\"Return\": …}} | {{\"Throw\": …}}, not {value.TypeName}.");
            return null;
        }

        if (responseObject.Count == 0)
        {
            errors.Add($"{where} has no entries; give at least \"0\".");
            return null;
        }

        var entries = new List<MockedResponseEntry>(responseObject.Count);
        var valid = true;
        foreach (var (key, entryValue) in responseObject.AsSpan())
        {
            var entryWhere = $"{where}['{key}']";
            if (!TryParseRange(key, out var first, out var last))
            {
                errors.Add($"{entryWhere}: an invocation key is a 0-based number (\"0\") or an inclusive range (\"1-2\").");
                valid = false;
                continue;
            }

            if (ReadEntry(entryWhere, first, last, entryValue, errors) is { } entry)
                entries.Add(entry);
            else
                valid = false;
        }

        if (!valid)
            return null;

        entries.Sort(static (a, b) => a.FirstInvocation.CompareTo(b.FirstInvocation));
        var expected = 0;
        foreach (var entry in entries)
        {
            if (entry.FirstInvocation < expected)
            {
                errors.Add($"{where}: invocation {entry.FirstInvocation} is covered more than once.");
                return null;
            }

            if (entry.FirstInvocation > expected)
            {
                var gap = entry.FirstInvocation - 1 == expected
                    ? expected.ToString(CultureInfo.InvariantCulture)
                    : $"{expected}-{entry.FirstInvocation - 1}";
                errors.Add($"{where}: invocations {gap} have no response; every invocation from 0 needs one.");
                return null;
            }

            expected = entry.LastInvocation + 1;
        }

        return new MockedResponse(name, [.. entries]);
    }

    private static MockedResponseEntry? ReadEntry(string where, int first, int last, JValue value, List<string> errors)
    {
        if (value is not JObject entry || entry.Count != 1 || !(entry.ContainsKey("Return") || entry.ContainsKey("Throw")))
        {
            errors.Add($"{where} must be an object with exactly one field, 'Return' or 'Throw'.");
            return null;
        }

        if (entry.TryGetValue("Return", out var returned))
            return new MockedResponseEntry(first, last, returned, null);

        if (entry["Throw"] is not JObject thrown)
        {
            errors.Add($"{where}.Throw must be an object {{\"Error\": \"…\", \"Cause\": \"…\"}}.");
            return null;
        }

        var ok = true;
        foreach (var property in thrown.AsSpan())
        {
            if (property.Key is not ("Error" or "Cause"))
            {
                errors.Add($"{where}.Throw: unknown field '{property.Key}' (expected 'Error' and 'Cause').");
                ok = false;
            }
        }

        string? errorName = null;
        if (thrown["Error"] is JString { Value.Length: > 0 } error)
        {
            errorName = error.Value;
        }
        else
        {
            errors.Add($"{where}.Throw.Error must be a non-empty string.");
            ok = false;
        }

        string? cause = null;
        if (thrown.TryGetValue("Cause", out var causeValue))
        {
            if (causeValue is JString c)
            {
                cause = c.Value;
            }
            else
            {
                errors.Add($"{where}.Throw.Cause must be a string.");
                ok = false;
            }
        }

        return ok ? new MockedResponseEntry(first, last, null, new StatesError(errorName!, cause)) : null;
    }

    private static bool TryParseRange(string key, out int first, out int last)
    {
        var dash = key.IndexOf('-', StringComparison.Ordinal);
        if (dash < 0)
        {
            var ok = TryParseIndex(key, out first);
            last = first;
            return ok;
        }

        last = 0;
        return TryParseIndex(key[..dash], out first) && TryParseIndex(key[(dash + 1)..], out last) && last >= first;
    }

    private static bool TryParseIndex(string text, out int value)
    {
        value = 0;
        if (text.Length == 0)
            return false;
        foreach (var c in text)
        {
            if (!char.IsAsciiDigit(c))
                return false;
        }

        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value);
    }
}
