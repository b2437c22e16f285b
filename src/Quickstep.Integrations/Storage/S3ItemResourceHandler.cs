using System.IO.Compression;
using System.Text;
using Quickstep.Aws;
using Quickstep.Engine.Ports;
using Quickstep.Json;

namespace Quickstep.Integrations.Storage;

/// <summary>
/// The S3 resources Distributed Map's ItemReader and ResultWriter name (<c>arn:aws:states:::s3:getObject</c>,
/// <c>s3:listObjectsV2</c>, <c>s3:putObject</c>), served by an S3 service in process: the parameters are the
/// operation's input shape, the result its output (an object's Body as text). An object whose key ends in
/// <c>.gz</c> is decompressed first, as Step Functions does for ItemReader's input files (GZIP by file name);
/// that needs <paramref name="openObject"/>, which reads an object's bytes. S3's errors become
/// <c>S3.{Code}</c> with S3's message as the cause.
/// </summary>
public sealed class S3ItemResourceHandler(IAwsService s3, Func<string, string, CancellationToken, ValueTask<Stream>>? openObject = null) : IResourceHandler
{
    private const string Prefix = "arn:aws:states:::s3:";

    private readonly IAwsService _s3 = s3 ?? throw new ArgumentNullException(nameof(s3));

    public bool CanHandle(string resource) => Operation(resource) is not null;

    public async ValueTask<TaskResult> InvokeAsync(TaskRequest request, CancellationToken cancellationToken)
    {
        var operation = Operation(request.Resource)!;
        if (request.Parameters is not JObject input)
            return TaskResult.Failure("States.Runtime", $"The parameters of {request.Resource} must be an object.");
        try
        {
            if (operation == "GetObject" && input["Key"] is JString key && input["Bucket"] is JString bucket)
            {
                if (key.Value.EndsWith(".zst", StringComparison.OrdinalIgnoreCase) || key.Value.EndsWith(".zstd", StringComparison.OrdinalIgnoreCase))
                    return TaskResult.Failure("States.ItemReaderFailed", $"'{key.Value}' is ZSTD-compressed; Quickstep reads GZIP (.gz) compressed objects only.");
                if (key.Value.EndsWith(".gz", StringComparison.OrdinalIgnoreCase))
                    return TaskResult.Success(await GunzipAsync(bucket.Value, key.Value, cancellationToken).ConfigureAwait(false));
            }

            return TaskResult.Success(await _s3.InvokeAsync(operation, input, cancellationToken).ConfigureAwait(false));
        }
        catch (AwsServiceException e)
        {
            return TaskResult.Failure("S3." + e.Code, e.Message);
        }
        catch (InvalidDataException e)
        {
            return TaskResult.Failure("States.ItemReaderFailed", $"The object is not valid GZIP: {e.Message}");
        }
    }

    private async ValueTask<JValue> GunzipAsync(string bucket, string key, CancellationToken cancellationToken)
    {
        if (openObject is null)
            throw new AwsServiceException("InvalidRequest", $"'{key}' is GZIP-compressed and this S3 cannot be read as bytes in process.", 400);
        var stream = await openObject(bucket, key, cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            await using var gzip = new GZipStream(stream, CompressionMode.Decompress);
            using var reader = new StreamReader(gzip, Encoding.UTF8);
            var text = await reader.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
            return new JObjectBuilder(1).AddUnique("Body", JValue.FromString(text)).Build();
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
