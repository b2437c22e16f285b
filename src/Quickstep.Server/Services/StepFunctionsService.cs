using System.Text.Json;
using Quickstep.Aws;
using Quickstep.Json;
using Quickstep.Server.Api;

namespace Quickstep.Server.Services;

/// <summary>
/// The Step Functions API of this server as an <see cref="IAwsService"/> (signing name <c>states</c>), so triggers
/// (rules, schedules, pipes) and Task integrations (nested workflows) start and describe executions in process with
/// the API's own request and response shapes and errors. Created before the engine (whose integrations call it) and
/// attached to the API once the engine exists.
/// </summary>
internal sealed class StepFunctionsService : IAwsService
{
    private ApiContext? _context;

    public string SigningName => "states";

    public void Attach(ApiContext context) => _context = context;

    public async ValueTask<JValue> InvokeAsync(string operation, JObject input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        var context = _context ?? throw new AwsServiceException("ServiceUnavailable", "The Step Functions API is not started yet.", 503, false);
        if (!Operations.All.TryGetValue(operation, out var handler))
            throw new AwsServiceException("UnknownOperationException", $"Unknown operation: '{operation}'.");
        using var document = JsonDocument.Parse(JsonText.SerializeToUtf8(input));
        try
        {
            var output = await handler(context, new ApiRequest(document.RootElement), cancellationToken).ConfigureAwait(false);
            return JsonText.Parse(output.ToJsonString());
        }
        catch (ApiException e)
        {
            throw new AwsServiceException(e.Code, e.Message, e.Status, e.Status < 500);
        }
    }
}
