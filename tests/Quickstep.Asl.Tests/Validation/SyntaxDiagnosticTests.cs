using Quickstep.Asl.Validation;
using static Quickstep.Asl.Tests.Validation.DiagnosticAssert;

namespace Quickstep.Asl.Tests.Validation;

/// <summary>
/// Diagnostics that come from the JSONPath, intrinsic-function and JSONata parsers, each at the pointer of
/// the field that holds the bad text.
/// </summary>
public sealed class SyntaxDiagnosticTests
{
    public static TheoryData<string, string, string> BadPaths() => new()
    {
        { "{'StartAt':'A','States':{'A':{'Type':'Pass','End':true,'InputPath':'$.a['}}}", DiagnosticCodes.InvalidPath, "/States/A/InputPath" },
        { "{'StartAt':'A','States':{'A':{'Type':'Pass','End':true,'Parameters':{'x':{'a.$':'$.a[?(@.b'}}}}}", DiagnosticCodes.InvalidPath, "/States/A/Parameters/x/a.$" },
        { "{'StartAt':'A','States':{'A':{'Type':'Pass','End':true,'ResultPath':'$.a[*]'}}}", DiagnosticCodes.InvalidReferencePath, "/States/A/ResultPath" },
        { "{'StartAt':'M','States':{'M':{'Type':'Map','End':true,'ItemsPath':'$.items[?(@.ok)]','ItemProcessor':{'StartAt':'X','States':{'X':{'Type':'Succeed'}}}}}}", DiagnosticCodes.InvalidReferencePath, "/States/M/ItemsPath" },
        { "{'StartAt':'W','States':{'W':{'Type':'Wait','End':true,'SecondsPath':'$..s'}}}", DiagnosticCodes.InvalidReferencePath, "/States/W/SecondsPath" },
        { "{'StartAt':'T','States':{'T':{'Type':'Task','Resource':'arn:aws:states:::lambda:invoke','End':true,'TimeoutSecondsPath':'$.t[0:2]'}}}", DiagnosticCodes.InvalidReferencePath, "/States/T/TimeoutSecondsPath" },
    };

    public static TheoryData<string, string, string> BadIntrinsics() => new()
    {
        { "{'StartAt':'A','States':{'A':{'Type':'Pass','End':true,'Parameters':{'a.$':'States.Format(\\u0027x\\u0027'}}}}", DiagnosticCodes.InvalidIntrinsicFunction, "/States/A/Parameters" },
        { "{'StartAt':'A','States':{'A':{'Type':'Pass','End':true,'Parameters':{'a.$':'States.NoSuchFunction()'}}}}", DiagnosticCodes.InvalidIntrinsicFunction, "/States/A/Parameters" },
        { "{'StartAt':'A','States':{'A':{'Type':'Pass','End':true,'Assign':{'v.$':'States.Array(,)'}}}}", DiagnosticCodes.InvalidIntrinsicFunction, "/States/A/Assign" },
        { "{'StartAt':'F','States':{'F':{'Type':'Fail','ErrorPath':'States.Format('}}}", DiagnosticCodes.InvalidIntrinsicFunction, "/States/F/ErrorPath" },
    };

    public static TheoryData<string, string, string> BadJsonata() => new()
    {
        { "{'QueryLanguage':'JSONata','StartAt':'A','States':{'A':{'Type':'Pass','End':true,'Output':{'a':['{% ( %}']}}}}", DiagnosticCodes.InvalidJsonata, "/States/A/Output/a/0" },
        { "{'QueryLanguage':'JSONata','StartAt':'C','States':{'C':{'Type':'Choice','Choices':[{'Condition':'{% 1 + %}','Next':'D'}]},'D':{'Type':'Succeed'}}}", DiagnosticCodes.InvalidJsonata, "/States/C/Choices/0/Condition" },
        { "{'QueryLanguage':'JSONata','StartAt':'W','States':{'W':{'Type':'Wait','End':true,'Seconds':'{% ] %}'}}}", DiagnosticCodes.InvalidJsonata, "/States/W/Seconds" },
    };

    [Theory]
    [MemberData(nameof(BadPaths))]
    public void Load_BadPath_ReportsPathDiagnostic(string json, string code, string pointer)
    {
        var result = Load(json);
        Has(result, code, pointer);
    }

    [Theory]
    [MemberData(nameof(BadIntrinsics))]
    public void Load_BadIntrinsic_ReportsIntrinsicDiagnostic(string json, string code, string pointer)
    {
        var result = Load(json);
        Has(result, code, pointer);
    }

    [Theory]
    [MemberData(nameof(BadJsonata))]
    public void Load_BadJsonata_ReportsJsonataDiagnostic(string json, string code, string pointer)
    {
        var result = Load(json);
        Has(result, code, pointer);
    }

    [Theory]
    [InlineData("$")]
    [InlineData("$.store.book[?(@.price < 10)].title")]
    [InlineData("$$.Execution.Input")]
    [InlineData("$myVar.field")]
    [InlineData("$['a b'][0]")]
    public void Load_GoodInputPath_HasNoDiagnostics(string path)
    {
        None(Load("{'StartAt':'A','States':{'A':{'Type':'Pass','End':true,'InputPath':'" + path.Replace("'", "\\u0027", StringComparison.Ordinal) + "'}}}"));
    }

    [Theory]
    [InlineData("$.a", true)]
    [InlineData("$.a[", false)]
    [InlineData("$..", false)]
    public void CheckPath_ReportsWhatTheParserSays(string text, bool valid)
    {
        Assert.Equal(valid, SyntaxChecks.CheckPath(text, out var path, out var error));
        Assert.Equal(valid, path is not null);
        Assert.Equal(valid, error is null);
    }

    [Theory]
    [InlineData("States.UUID()", true)]
    [InlineData("States.Format('x'", false)]
    [InlineData("States.NoSuchFunction()", false)]
    public void CheckIntrinsic_ReportsWhatTheParserSays(string text, bool valid)
    {
        Assert.Equal(valid, SyntaxChecks.CheckIntrinsic(text, out var call, out var error));
        Assert.Equal(valid, error is null);
        Assert.Equal(valid, call is not null);
    }

    [Theory]
    [InlineData("1 + 1", true)]
    [InlineData("1 +", false)]
    [InlineData("(", false)]
    public void CheckJsonata_ReportsWhatTheParserSaysWithItsCode(string text, bool valid)
    {
        Assert.Equal(valid, SyntaxChecks.CheckJsonata(text, out var expression, out var error));
        Assert.Equal(valid, expression is not null);
        if (valid)
            Assert.Null(error);
        else
            Assert.StartsWith("S0", error, StringComparison.Ordinal);
    }
}
