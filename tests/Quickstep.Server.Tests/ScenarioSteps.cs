using System.Text.Json;

namespace Quickstep.Server.Tests;

/// <summary>Reads a node scenario's JSON result by step name: a step's value, a list of strings, and the AWS error a step expects.</summary>
public abstract class ScenarioSteps(JsonElement result)
{
    protected JsonElement Step(string name) => result.GetProperty(name);

    protected static string[] Strings(JsonElement e) => [.. e.EnumerateArray().Select(x => x.ToString())];

    /// <summary>The step answered the error <paramref name="name"/> with HTTP <paramref name="status"/> (and a message containing the text, if given).</summary>
    protected void AssertError(string step, string name, int status, string? messageContains = null)
    {
        var s = Step(step);
        Assert.True(s.ValueKind == JsonValueKind.Object && s.TryGetProperty("error", out _), $"{step}: expected {name}, got {s}");
        Assert.Equal(name, s.GetProperty("error").GetString());
        Assert.Equal(status, s.GetProperty("status").GetInt32());
        if (messageContains is not null)
            Assert.Contains(messageContains, s.GetProperty("message").GetString(), StringComparison.Ordinal);
    }
}
