using System.Net.Http.Headers;
using Quickstep.Json;

namespace Quickstep.Integrations.Functions;

/// <summary>
/// A function behind an HTTP endpoint: the event is POSTed as JSON, the reply's JSON body is the result. A non-2xx
/// status or an <c>X-Amz-Function-Error</c> header is a function error (the body's <c>errorType</c>, else
/// <c>Lambda.Unknown</c>); an endpoint that cannot be reached is <c>Lambda.ServiceException</c>.
/// </summary>
internal sealed class UrlLambdaFunction(Uri url, HttpClient http) : LambdaFunction
{
    private static readonly MediaTypeHeaderValue Json = new("application/json");

    public Uri Url => url;

    public override ValueTask<LambdaInvocationResult> InvokeAsync(JValue payload, CancellationToken cancellationToken) =>
        InvokeAsync(payload, new LambdaInvocation { RequestId = GuidRequestIdSource.Instance.NextRequestId() }, cancellationToken);

    public override async ValueTask<LambdaInvocationResult> InvokeAsync(JValue payload, LambdaInvocation invocation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(invocation);
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(JsonText.SerializeToUtf8(payload)) };
        request.Content.Headers.ContentType = Json;
        request.Headers.TryAddWithoutValidation("Lambda-Runtime-Aws-Request-Id", invocation.RequestId);
        HttpResponseMessage response;
        string text;
        try
        {
            response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
            text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException e)
        {
            return LambdaInvocationResult.Failure(LambdaError.Service(500, "ServiceException", $"The function's endpoint {url} could not be reached: {e.Message}"));
        }

        using (response)
        {
            JValue? parsed = null;
            string? parseError = null;
            var trimmed = text.Trim();
            if (trimmed.Length > 0)
                _ = JsonText.TryParse(trimmed, out parsed, out parseError);
            var failed = !response.IsSuccessStatusCode || response.Headers.Contains("X-Amz-Function-Error");
            if (!failed)
            {
                if (trimmed.Length == 0)
                    return LambdaInvocationResult.Success(JValue.Null);
                return parsed is not null
                    ? LambdaInvocationResult.Success(parsed)
                    : LambdaInvocationResult.Failure(LambdaError.Unknown($"{LambdaError.UnknownCausePrefix} {url} answered a body that is not JSON ({parseError})."));
            }

            if (parsed is JObject error && error["errorType"] is JString { Value.Length: > 0 } errorType)
                return LambdaInvocationResult.Failure(LambdaError.FromPrinted(errorType.Value, error["errorMessage"] is JString m ? m.Value : string.Empty, error, trimmed));
            return LambdaInvocationResult.Failure(LambdaError.Unknown(
                $"{LambdaError.UnknownCausePrefix} {url} answered {(int)response.StatusCode} {response.ReasonPhrase}{(trimmed.Length == 0 ? "." : ": " + (trimmed.Length > 4096 ? trimmed[..4096] + "…" : trimmed))}"));
        }
    }
}
