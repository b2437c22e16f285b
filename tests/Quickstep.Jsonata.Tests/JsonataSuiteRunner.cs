using Quickstep.Json;
using Quickstep.Jsonata;

namespace Quickstep.Jsonata.Tests;

/// <summary>Runs one suite case and says whether it behaved as the case expects.</summary>
internal static class JsonataSuiteRunner
{
    public static (bool Ok, string Message) Run(string id)
    {
        var tc = JsonataSuite.LoadCase(id, out var groupDir);
        var expr = tc["expr"] is JString e ? e.Value : File.ReadAllText(Path.Combine(groupDir, ((JString)tc["expr-file"]!).Value));
        JValue? input = null;
        if (tc.TryGetValue("data", out var data))
            input = data;
        else if (tc["dataset"] is JString ds)
            input = JsonataSuite.Dataset(ds.Value);
        Dictionary<string, JValue>? bindings = null;
        if (tc["bindings"] is JObject b && b.Count > 0)
        {
            bindings = new Dictionary<string, JValue>(StringComparer.Ordinal);
            foreach (var p in b)
                bindings[p.Key] = p.Value;
        }

        var limits = new EvaluationLimits();
        if (tc["depth"] is JNumber depth)
            limits = limits with { MaxDepth = (int)depth.Value };
        if (tc["timelimit"] is JNumber time)
            limits = limits with { Timeout = TimeSpan.FromMilliseconds(time.Value) };
        var expectedCode = tc["code"] is JString c ? c.Value : (tc["error"] as JObject)?["code"] is JString ec ? ec.Value : null;
        JValue? result;
        try
        {
            var compiled = JsonataExpression.Parse(expr);
            result = compiled.Evaluate(input, bindings, null, limits);
        }
        catch (JsonataException ex)
        {
            if (expectedCode is not null)
                return (ex.Code == expectedCode, $"expected error {expectedCode}, got {ex.Code}: {ex.Message}");
            return (false, $"unexpected error {ex.Code}: {ex.Message}\nexpr: {expr}");
        }

        if (expectedCode is not null)
            return (false, $"expected error {expectedCode}, got result {Show(result)}\nexpr: {expr}");
        if (tc["undefinedResult"] is JBool { Value: true } || !tc.ContainsKey("result"))
            return (result is null, $"expected undefined, got {Show(result)}\nexpr: {expr}");
        var expected = tc["result"]!;
        return (result is not null && expected.Equals(result), $"expected {expected}, got {Show(result)}\nexpr: {expr}");
    }

    private static string Show(JValue? v) => v is null ? "undefined" : v.ToString();
}
