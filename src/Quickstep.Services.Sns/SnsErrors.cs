using Quickstep.Aws;

namespace Quickstep.Services.Sns;

/// <summary>SNS's error codes and wording in the query protocol (https://docs.aws.amazon.com/sns/latest/api/CommonErrors.html).</summary>
internal static class SnsErrors
{
    public static AwsServiceException InvalidParameter(string detail) => new("InvalidParameter", "Invalid parameter: " + detail);

    public static AwsServiceException InvalidParameterValue(string message) => new("ParameterValueInvalid", message);

    public static AwsServiceException TopicNotFound() => new("NotFound", "Topic does not exist", 404);

    public static AwsServiceException SubscriptionNotFound() => new("NotFound", "Subscription does not exist", 404);

    public static AwsServiceException ResourceNotFound() => new("ResourceNotFound", "Resource does not exist", 404);

    public static AwsServiceException Missing(string member) => InvalidParameter($"{member} Reason: no value for required parameter");
}
