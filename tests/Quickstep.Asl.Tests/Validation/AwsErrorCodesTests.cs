using Quickstep.Asl.Parsing;
using Quickstep.Asl.Validation;

namespace Quickstep.Asl.Tests.Validation;

public sealed class AwsErrorCodesTests
{
    [Theory]
    [InlineData("{'StartAt':'A','States':{'A':{'Type':'Pass','Next':'Nowhere'}}}", "MISSING_TRANSITION_TARGET")]
    [InlineData("{'StartAt':'A','States':{'A':{'Type':'Pass','End':true,'Bogus':1}}}", "SCHEMA_VALIDATION_FAILED")]
    [InlineData("{'StartAt':", "INVALID_JSON_DESCRIPTION")]
    public void Of_LoadedDiagnostic_IsTheCodeAwsReports(string json, string awsCode)
    {
        var result = DefinitionLoader.Load(json.Replace('\'', '"'));
        Assert.NotEmpty(result.Diagnostics);
        Assert.Equal(awsCode, AwsErrorCodes.Of(result.Diagnostics[0].Code));
    }

    [Fact]
    public void Of_GraphProblems_HaveAwsCodesOfTheirOwn()
    {
        Assert.Equal("DUPLICATE_STATE_NAME", AwsErrorCodes.Of(DiagnosticCodes.DuplicateStateName));
        Assert.Equal("MISSING_TRANSITION_TARGET", AwsErrorCodes.Of(DiagnosticCodes.UnreachableState));
        Assert.Equal("MISSING_END_STATE", AwsErrorCodes.Of(DiagnosticCodes.MissingEndState));
        Assert.Equal("SCHEMA_VALIDATION_FAILED", AwsErrorCodes.Of(DiagnosticCodes.InvalidResource));
    }
}
