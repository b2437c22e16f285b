using CsCheck;
using Quickstep.EventPatterns;
using Quickstep.Json;

namespace Quickstep.Fuzz.Tests;

/// <summary>Event patterns and SNS filter policies: any text compiles or fails with EventPatternException; a compiled pattern matches any event without throwing.</summary>
public sealed class EventPatternFuzzTests
{
    private static readonly string[] Seeds =
    [
        """{"source":["aws.s3"]}""",
        """{"detail-type":[{"prefix":"Obj"}],"detail":{"a":[{"numeric":[">",0,"<=",5]}]}}""",
        """{"detail":{"b":[{"anything-but":["x","y"]}],"c":[{"exists":false}]}}""",
        """{"a":[{"cidr":"10.0.0.0/24"}],"b":[{"suffix":".png"}],"c":[{"equals-ignore-case":"ABC"}]}""",
        """{"a":[{"wildcard":"*.txt"}],"$or":[{"b":[1]},{"c":[null]}]}""",
        """{"x":[{"anything-but":{"prefix":"a"}}],"y":[{"numeric":["=",3.5]}],"z":[true,false]}""",
        """{"a":{"b":{"c":[{"prefix":{"equals-ignore-case":"q"}}]}}}""",
    ];

    private static readonly string[] Tokens =
    [
        "{", "}", "[", "]", ",", ":", "\"a\"", "\"b\"", "\"source\"", "\"detail\"", "\"prefix\"", "\"suffix\"", "\"numeric\"", "\"anything-but\"",
        "\"exists\"", "\"cidr\"", "\"wildcard\"", "\"equals-ignore-case\"", "\"$or\"", "\">\"", "\"<=\"", "\"=\"", "1", "-1", "1e400", "0.5",
        "true", "false", "null", "\"*\"", "\"**\"", "\"10.0.0.0/33\"", "\"::1/129\"", "\"x\"", "\"\\ud800\"",
    ];

    [Fact]
    public void ParseMatch_MutatedPatterns_PatternErrorOrAnswer() =>
        Fuzz.Run(Gen.Select(Mutations.Of(Seeds), Documents.Any, Gen.Enum<EventPatternDialect>()), (text, document, dialect) => Exercise(text, document, dialect), 5000);

    [Fact]
    public void ParseMatch_TokenPatterns_PatternErrorOrAnswer() =>
        Fuzz.Run(Gen.Select(Mutations.Tokens(Tokens, 24), Documents.Any, Gen.Enum<EventPatternDialect>()), (text, document, dialect) => Exercise(text, document, dialect), 5000);

    private static void Exercise(string text, JValue document, EventPatternDialect dialect)
    {
        EventPattern pattern;
        try
        {
            pattern = EventPattern.Parse(text, dialect);
        }
        catch (EventPatternException e)
        {
            Assert.False(string.IsNullOrEmpty(e.Message));
            return;
        }

        _ = pattern.Matches(document);
    }
}
