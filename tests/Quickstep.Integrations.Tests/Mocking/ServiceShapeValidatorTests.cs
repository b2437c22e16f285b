using Quickstep.Engine.Testing;
using Quickstep.Integrations.Mocking;
using Quickstep.Json;

namespace Quickstep.Integrations.Tests.Mocking;

/// <summary>Mocked results against the AWS service models' output shapes, with AWS's messages.</summary>
public sealed class ServiceShapeValidatorTests
{
    private static readonly ServiceShapeValidator Validator = new();

    [Theory]
    [InlineData("arn:aws:states:::sqs:sendMessage", """{"MessageId": 5}""", "Field 'MessageId' must be a string")]
    [InlineData("arn:aws:states:::dynamodb:getItem", """{"ConsumedCapacity": {"CapacityUnits": "1"}}""", "Field 'CapacityUnits' must be a number")]
    [InlineData("arn:aws:states:::events:putEvents", """{"Entries": {}}""", "Field 'Entries' must be an array")]
    [InlineData("arn:aws:states:::aws-sdk:s3:getObject", """{"StorageClass": "CLAY"}""", "Field 'StorageClass' is not an expected value")]
    [InlineData("arn:aws:states:::aws-sdk:lambda:getFunction", """{"Configuration": {"MemorySize": 64}}""", "Field 'MemorySize' is less than the minimum value")]
    [InlineData("arn:aws:states:::aws-sdk:kms:encrypt", """{"CiphertextBlob": ""}""", "Field 'CiphertextBlob' is smaller than the minimum length")]
    [InlineData("arn:aws:states:::states:startExecution", """{"StartDate": "d"}""", "Required field 'ExecutionArn' is missing")]
    [InlineData("arn:aws:states:::aws-sdk:lambda:invoke", """{"Payload": {"a": 1}}""", "Field 'Payload' must be a string")]
    public void Strict_Mismatch_AwsMessage(string resource, string result, string message) =>
        Assert.Equal(message, Validator.Validate(resource, JsonText.Parse(result), MockFieldValidationMode.Strict));

    [Theory]
    [InlineData("arn:aws:states:::states:startExecution", """{"ExecutionArn": "a", "StartDate": "d"}""")]
    [InlineData("arn:aws:states:::lambda:invoke", """{"StatusCode": 200, "Payload": {"a": 1}}""")] // the optimized integration hands Payload over as JSON
    [InlineData("arn:aws:states:::events:putEvents", """{"unknown": true}""")]
    [InlineData("arn:aws:states:::sqs:sendMessage.waitForTaskToken", """{"MessageId": 5}""")] // the result is what SendTaskSuccess sends
    [InlineData("arn:aws:states:::apigateway:invoke", """{"anything": 1}""")]
    [InlineData("arn:aws:lambda:us-east-1:123456789012:function:f", """[1]""")]
    public void Strict_Fits_Null(string resource, string result) =>
        Assert.Null(Validator.Validate(resource, JsonText.Parse(result), MockFieldValidationMode.Strict));

    [Fact]
    public void Present_MissingRequiredFields_Fits_ButWrongTypesDoNot()
    {
        Assert.Null(Validator.Validate("arn:aws:states:::states:startExecution", JObject.Empty, MockFieldValidationMode.Present));
        Assert.Equal("Field 'StartDate' must be a string", Validator.Validate("arn:aws:states:::states:startExecution", JsonText.Parse("""{"StartDate": true}"""), MockFieldValidationMode.Present));
    }

    [Fact]
    public void None_ChecksNothing() =>
        Assert.Null(Validator.Validate("arn:aws:states:::sqs:sendMessage", JsonText.Parse("""{"MessageId": 5}"""), MockFieldValidationMode.None));
}
