using Quickstep.Asl.Paths;
using Quickstep.Json;

namespace Quickstep.Integrations.Testing;

/// <summary>
/// Reads test files (JSON, docs/testing.md): <c>{"definition", "name"?, "mockConfig"?, "tests": [{"name", "testCase"?,
/// "mocks"?, "input"?, "expect": {"status"?, "output"?, "outputPath"?, "error"?, "cause"?, "states"?, "retries"?}}]}</c>.
/// Every problem of a file is collected before it is refused.
/// </summary>
public static class WorkflowTestLoader
{
    private static readonly string[] FileMembers = ["$schema", "definition", "name", "mockConfig", "tests"];
    private static readonly string[] TestMembers = ["name", "testCase", "mocks", "input", "expect"];
    private static readonly string[] ExpectMembers = ["status", "output", "outputPath", "error", "cause", "states", "retries"];
    private static readonly string[] Statuses = ["SUCCEEDED", "FAILED", "TIMED_OUT", "ABORTED"];

    /// <summary>The test files a path names: the file itself, or every <c>*.test.json</c> under a directory (sorted).</summary>
    public static IReadOnlyList<string> Find(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (Directory.Exists(path))
            return [.. Directory.EnumerateFiles(path, "*.test.json", SearchOption.AllDirectories).Order(StringComparer.Ordinal)];
        if (File.Exists(path))
            return [path];
        throw new WorkflowTestException($"{path}: no such file or directory");
    }

    public static WorkflowTestFile Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new WorkflowTestException($"{path}: cannot read the test file: {e.Message}", e);
        }

        return Parse(text, path);
    }

    public static WorkflowTestFile Parse(string json, string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!JsonText.TryParse(json, out var root, out var parseError) || root is not JObject file)
            throw new WorkflowTestException($"{path}: not a JSON object: {parseError ?? "the file must hold one object"}");
        var errors = new List<string>();
        Unknown(file, "", FileMembers, errors);
        var directory = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path)) ?? ".";
        var definition = String(file, "definition", "", errors, required: true);
        var mockConfig = String(file, "mockConfig", "", errors, required: false);
        var name = String(file, "name", "", errors, required: false);
        var tests = new List<WorkflowTestCase>();
        if (file["tests"] is JArray list && list.Count > 0)
        {
            var names = new HashSet<string>(StringComparer.Ordinal);
            for (var i = 0; i < list.Count; i++)
            {
                if (Test(list[i], $"/tests/{i}", mockConfig is not null, errors) is { } test)
                {
                    if (!names.Add(test.Name))
                        errors.Add($"/tests/{i}/name: the name '{test.Name}' is used twice");
                    tests.Add(test);
                }
            }
        }
        else
        {
            errors.Add("/tests: must be a non-empty array of tests");
        }

        if (errors.Count > 0)
            throw new WorkflowTestException(string.Join(Environment.NewLine, errors.Select(e => $"{path}: {e}")));
        var definitionPath = System.IO.Path.Combine(directory, definition!);
        return new WorkflowTestFile
        {
            Path = path,
            DefinitionPath = definitionPath,
            StateMachineName = name ?? MachineName(definitionPath),
            MockConfigPath = mockConfig is null ? null : System.IO.Path.Combine(directory, mockConfig),
            Tests = tests,
        };
    }

    /// <summary>The file name without its extensions ("order.asl.json" → "order"), as <c>quickstep run</c> names a machine.</summary>
    public static string MachineName(string path)
    {
        var file = System.IO.Path.GetFileName(path);
        var dot = file.IndexOf('.', StringComparison.Ordinal);
        return dot > 0 ? file[..dot] : file;
    }

    private static WorkflowTestCase? Test(JValue value, string pointer, bool hasMockConfig, List<string> errors)
    {
        if (value is not JObject test)
        {
            errors.Add($"{pointer}: a test must be an object");
            return null;
        }

        var before = errors.Count;
        Unknown(test, pointer, TestMembers, errors);
        var name = String(test, "name", pointer, errors, required: true);
        var testCase = String(test, "testCase", pointer, errors, required: false);
        if (testCase is not null && !hasMockConfig)
            errors.Add($"{pointer}/testCase: a test case needs the file's 'mockConfig'");
        JObject? mocks = null;
        if (test["mocks"] is { } m)
        {
            if (m is JObject o)
                mocks = o;
            else
                errors.Add($"{pointer}/mocks: must be an object of state name → mocked response");
            if (testCase is not null)
                errors.Add($"{pointer}: give 'testCase' or 'mocks', not both");
        }

        var expect = Expectation(test["expect"], pointer + "/expect", errors);
        if (errors.Count > before || name is null || expect is null)
            return null;
        return new WorkflowTestCase { Name = name, TestCase = testCase, Mocks = mocks, Input = test["input"] ?? JObject.Empty, Expect = expect };
    }

    private static WorkflowExpectation? Expectation(JValue? value, string pointer, List<string> errors)
    {
        if (value is not JObject expect)
        {
            errors.Add($"{pointer}: required, an object of expectations");
            return null;
        }

        Unknown(expect, pointer, ExpectMembers, errors);
        var status = String(expect, "status", pointer, errors, required: false);
        if (status is not null && !Statuses.Contains(status))
            errors.Add($"{pointer}/status: must be one of {string.Join(", ", Statuses)}, not '{status}'");
        var paths = new List<KeyValuePair<string, JValue>>();
        if (expect["outputPath"] is { } op)
        {
            if (op is JObject o)
            {
                foreach (var (path, expected) in o)
                {
                    if (!JsonPath.TryParse(path, out _, out var error))
                        errors.Add($"{pointer}/outputPath: '{path}' is not a JSONPath: {error}");
                    paths.Add(new(path, expected));
                }
            }
            else
            {
                errors.Add($"{pointer}/outputPath: must be an object of JSONPath → expected value");
            }
        }

        List<string>? states = null;
        if (expect["states"] is { } s)
        {
            if (s is JArray a && a.All(v => v.IsString))
                states = [.. a.Select(v => ((JString)v).Value)];
            else
                errors.Add($"{pointer}/states: must be an array of state names");
        }

        var retries = new List<KeyValuePair<string, int>>();
        if (expect["retries"] is { } r)
        {
            if (r is JObject o)
            {
                foreach (var (state, count) in o)
                {
                    if (count is JNumber n && n.TryGetInt32(out var c) && c >= 0)
                        retries.Add(new(state, c));
                    else
                        errors.Add($"{pointer}/retries/{state}: must be a whole number ≥ 0");
                }
            }
            else
            {
                errors.Add($"{pointer}/retries: must be an object of state name → number of retries");
            }
        }

        return new WorkflowExpectation
        {
            Status = status,
            Output = expect["output"],
            OutputPaths = paths,
            Error = String(expect, "error", pointer, errors, required: false),
            Cause = String(expect, "cause", pointer, errors, required: false),
            States = states,
            Retries = retries,
        };
    }

    private static string? String(JObject o, string member, string pointer, List<string> errors, bool required)
    {
        switch (o[member])
        {
            case JString s:
                return s.Value;
            case null when !required:
                return null;
            case null:
                errors.Add($"{pointer}/{member}: required, a string");
                return null;
            default:
                errors.Add($"{pointer}/{member}: must be a string");
                return null;
        }
    }

    private static void Unknown(JObject o, string pointer, string[] members, List<string> errors)
    {
        foreach (var key in o.Keys)
        {
            if (!members.Contains(key))
                errors.Add($"{pointer}/{key}: unknown member; expected one of: {string.Join(", ", members)}");
        }
    }
}
