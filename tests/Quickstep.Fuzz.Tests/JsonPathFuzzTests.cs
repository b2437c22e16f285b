using CsCheck;
using Quickstep.Asl.Paths;

namespace Quickstep.Fuzz.Tests;

/// <summary>JSONPath: any text parses or fails with JsonPathSyntaxException; a parsed path selects and assigns on any document without throwing.</summary>
public sealed class JsonPathFuzzTests
{
    private static readonly string[] Tokens =
    [
        "$", "$$", "$a", ".", "..", "[", "]", "*", "?(", ")", "@", "@.a", "'a'", "\"b\"", "0", "1", "-1", "2147483648", ":", ",", "a", "b", "c",
        "==", "!=", "<", "<=", ">", ">=", "=~", "/a.*/", "/(a+)+$/", "length()", " ", "\\", "'", "\u00e9", "\ud800", "\u0000", "true", "null", "&&", "||", "!",
    ];

    private static readonly string[] Seeds =
    [
        "$", "$.a", "$.a.b[0]", "$['a']['b']", "$.a[*]", "$..b", "$.a[?(@.b == 1)]", "$.a[0:2]", "$.a[-1:]", "$.a[0,1]", "$['a','b']",
        "$$.Execution.Input", "$.a.length()", "$.a[?(@.b)]", "$.a[?(@.c > 2 && @.c < 5)]", "$x.y", "$.a[1:5:2]", "$.a[?(@ =~ /ab+/)]",
    ];

    [Fact]
    public void ParseSelectAssign_TokenPaths_NeverThrowUnexpectedly() =>
        Fuzz.Run(Gen.Select(Mutations.Tokens(Tokens, 14), Documents.Any, Documents.Any), (text, document, value) => Exercise(text, document, value), 5000);

    [Fact]
    public void ParseSelectAssign_MutatedPaths_NeverThrowUnexpectedly() =>
        Fuzz.Run(Gen.Select(Mutations.Of(Seeds), Documents.Any, Documents.Any), (text, document, value) => Exercise(text, document, value), 5000);

    private static void Exercise(string text, Quickstep.Json.JValue document, Quickstep.Json.JValue value)
    {
        if (!JsonPath.TryParse(text, out var path, out var error))
        {
            Assert.False(string.IsNullOrEmpty(error));
            return;
        }

        if (!path.TrySelect(document, out _, out var failure))
            Assert.False(string.IsNullOrEmpty(failure));
        if (!path.TryAssign(document, value, out var assigned, out var prefix))
            Assert.NotNull(prefix);
        else
            Assert.NotNull(assigned);
    }
}
