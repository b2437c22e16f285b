namespace Quickstep.Asl.Parsing;

/// <summary>Test hook: while <see cref="Texts"/> is set on a thread, every parse by <typeparamref name="TParser"/> on that thread appends its text (a test counts parses per load).</summary>
internal static class ParseTrace<TParser>
{
    [ThreadStatic]
    private static List<string>? t_texts;

    public static List<string>? Texts
    {
        get => t_texts;
        set => t_texts = value;
    }

    public static void Add(string text) => t_texts?.Add(text);
}
