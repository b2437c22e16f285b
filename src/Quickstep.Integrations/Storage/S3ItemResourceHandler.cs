using Quickstep.Aws;
using Quickstep.Engine.Ports;
using Quickstep.Json;

namespace Quickstep.Integrations.Storage;

/// <summary>
/// The S3 resources Distributed Map's ItemReader and ResultWriter name (<c>arn:aws:states:::s3:getObject</c>,
/// <c>s3:listObjectsV2</c>, <c>s3:putObject</c>), served by an S3 service in process: the parameters are the
/// operation's input shape, the result its output (an object's Body as text). S3's errors become
/// <c>S3.{Code}</c> with S3's message as the cause.
/// </summary>
public sealed class S3ItemResourceHandler : IResourceHandler
{
    private const string Prefix = "arn:aws:states:::s3:";

    private readonly IAwsService _s3;

    public S3ItemResourceHandler(IAwsService s3)
    {
        ArgumentNullException.ThrowIfNull(s3);
        _s3 = s3;
    }

    public bool CanHandle(string resource) => Operation(resource) is not null;

    public async ValueTask<TaskResult> InvokeAsync(TaskRequest request, CancellationToken cancellationToken)
    {
        var operation = Operation(request.Resource)!;
        if (request.Parameters is not JObject input)
            return TaskResult.Failure("States.Runtime", $"The parameters of {request.Resource} must be an object.");
        try
        {
            return TaskResult.Success(await _s3.InvokeAsync(operation, input, cancellationToken).ConfigureAwait(false));
        }
        catch (AwsServiceException e)
        {
            return TaskResult.Failure("S3." + e.Code, e.Message);
        }
    }

    private static string? Operation(string resource) =>
        resource.StartsWith(Prefix, StringComparison.Ordinal)
            ? resource[Prefix.Length..] switch
            {
                "getObject" => "GetObject",
                "listObjectsV2" => "ListObjectsV2",
                "putObject" => "PutObject",
                _ => null,
            }
            : null;
}
