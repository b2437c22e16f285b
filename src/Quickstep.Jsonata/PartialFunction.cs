using Quickstep.Json;

namespace Quickstep.Jsonata;

/// <summary>A partial application such as <c>$substring(?, 0, 3)</c>: placeholders are filled in order.</summary>
internal sealed class PartialFunction : JsonataFunction
{
    public PartialFunction(JsonataFunction target, JValue?[] args, bool[] placeholders)
    {
        Target = target;
        Args = args;
        Placeholders = placeholders;
        var n = 0;
        foreach (var p in placeholders)
        {
            if (p)
                n++;
        }

        Arity = n;
    }

    public JsonataFunction Target { get; }

    public JValue?[] Args { get; }

    public bool[] Placeholders { get; }

    public override int Arity { get; }

    public List<JValue?> Fill(List<JValue?> supplied)
    {
        var result = new List<JValue?>(Args.Length);
        var next = 0;
        for (var i = 0; i < Args.Length; i++)
        {
            if (Placeholders[i])
                result.Add(next < supplied.Count ? supplied[next++] : null);
            else
                result.Add(Args[i]);
        }

        return result;
    }
}
