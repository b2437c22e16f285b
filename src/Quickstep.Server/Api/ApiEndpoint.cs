using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Quickstep.Server.Hosting;

namespace Quickstep.Server.Api;

/// <summary>
/// The AWS JSON 1.0 endpoint: <c>POST /</c> with <c>X-Amz-Target: AWSStepFunctions.&lt;Operation&gt;</c>.
/// Every failure, including malformed requests, answers in AWS's error shape with a 4xx status.
/// </summary>
internal sealed class ApiEndpoint
{
    public const string ContentType = "application/x-amz-json-1.0";
    private const int MaxBodyDepth = 64;
    private const int DrainLimit = 32 * 1024 * 1024;

    // Relaxed escaping: quotes inside strings stay \" rather than \u0022, as AWS writes them.
    private static readonly ApiJsonContext Relaxed = new(new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });

    private readonly ApiContext _context;
    private readonly ILogger _logger;

    public ApiEndpoint(ApiContext context, ILogger logger)
    {
        _context = context;
        _logger = logger;
    }

    public async Task HandleAsync(HttpContext http)
    {
        var operationName = "?";
        try
        {
            if (!HttpMethods.IsPost(http.Request.Method))
                throw new ApiException("UnknownOperationException", $"The Step Functions API accepts POST /, not {http.Request.Method}.", 405);
            var target = http.Request.Headers["X-Amz-Target"].ToString();
            if (!target.StartsWith(Operations.TargetPrefix, StringComparison.Ordinal) || !Operations.All.TryGetValue(target[Operations.TargetPrefix.Length..], out var operation))
                throw new ApiException("UnknownOperationException", target.Length == 0 ? "Missing X-Amz-Target header." : $"Unknown operation: '{Clip(target)}'.");
            operationName = target[Operations.TargetPrefix.Length..];

            var body = await ReadBodyAsync(http).ConfigureAwait(false);
            using var doc = Parse(body);
            var response = await operation(_context, new ApiRequest(doc.RootElement), http.RequestAborted).ConfigureAwait(false);
            await WriteAsync(http, 200, response).ConfigureAwait(false);
        }
        catch (ApiException e)
        {
            await WriteErrorAsync(http, e.Status, e.Code, e.Message).ConfigureAwait(false);
        }
        catch (BadHttpRequestException e)
        {
            await WriteErrorAsync(http, e.StatusCode is >= 400 and < 500 ? e.StatusCode : 400, "SerializationException", e.Message).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (http.RequestAborted.IsCancellationRequested)
        {
            // The client went away; nobody to answer.
        }
#pragma warning disable CA1031 // the endpoint answers every failure in AWS's shape instead of dropping the connection.
        catch (Exception e)
#pragma warning restore CA1031
        {
            var error = StoreFaults.Answer(e, _logger, operationName, "InternalFailure");
            await WriteErrorAsync(http, error.StatusCode, error.Code, error.Message).ConfigureAwait(false);
        }
    }

    private static JsonDocument Parse(ReadOnlyMemory<byte> body)
    {
        if (body.IsEmpty)
            return JsonDocument.Parse("{}");
        // The JSON reader checks UTF-8 only where it decodes strings; check the whole body up front.
        if (!System.Text.Unicode.Utf8.IsValid(body.Span))
            throw new ApiException("SerializationException", "The request body is not valid UTF-8.");
        if (HasLoneSurrogate(body.Span, out var surrogateError))
            throw new ApiException("SerializationException", $"The request body is not valid JSON: {surrogateError}");
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = MaxBodyDepth });
        }
        catch (JsonException e)
        {
            throw new ApiException("SerializationException", $"The request body is not valid JSON: {e.Message}");
        }
        catch (ArgumentException e)
        {
            throw new ApiException("SerializationException", $"The request body is not valid UTF-8 JSON: {e.Message}");
        }

        if (doc.RootElement.ValueKind != JsonValueKind.Object)
        {
            doc.Dispose();
            throw new ApiException("SerializationException", "The request body must be a JSON object.");
        }

        return doc;
    }

    /// <summary>
    /// A string escape <c>\uD800</c>–<c>\uDFFF</c> without its pair decodes to no valid text: found here (only bodies that
    /// contain such an escape at all are read twice) so the operation never meets it in a member.
    /// </summary>
    private static bool HasLoneSurrogate(ReadOnlySpan<byte> body, out string? error)
    {
        error = null;
        if (!MayHaveSurrogateEscape(body))
            return false;
        var reader = new Utf8JsonReader(body, new JsonReaderOptions { MaxDepth = MaxBodyDepth });
        try
        {
            while (reader.Read())
            {
                if (reader.TokenType is JsonTokenType.String or JsonTokenType.PropertyName && reader.ValueIsEscaped)
                    _ = reader.GetString();
            }
        }
        catch (InvalidOperationException e)
        {
            error = e.Message;
            return true;
        }
        catch (JsonException)
        {
            return false; // The parser reports it with its own message.
        }

        return false;
    }

    private static bool MayHaveSurrogateEscape(ReadOnlySpan<byte> body)
    {
        for (var i = body.IndexOf("\\u"u8); i >= 0 && i + 3 < body.Length; i = body[(i + 1)..].IndexOf("\\u"u8) is var next and >= 0 ? i + 1 + next : -1)
        {
            if (body[i + 2] is (byte)'d' or (byte)'D' && body[i + 3] is (>= (byte)'8' and <= (byte)'9') or (>= (byte)'a' and <= (byte)'f') or (>= (byte)'A' and <= (byte)'F'))
                return true;
        }

        return false;
    }

    /// <summary>Reads up to the limit; a larger body is drained (so the connection stays usable) and refused with 413.</summary>
    private async Task<ReadOnlyMemory<byte>> ReadBodyAsync(HttpContext http)
    {
        var limit = _context.Options.MaxRequestBytes;
        return await RequestBody.ReadAsync(http, limit, DrainLimit).ConfigureAwait(false)
            ?? throw new ApiException("ValidationException", RequestBody.TooLarge(http, limit), 413);
    }

    public static Task WriteErrorAsync(HttpContext http, int status, string code, string message) =>
        WriteAsync(http, status, new JsonObject { ["__type"] = code, ["message"] = message }, code);

    public static async Task WriteAsync(HttpContext http, int status, JsonObject body, string? errorType = null)
    {
        if (http.Response.HasStarted)
            return;
        http.Response.StatusCode = status;
        http.Response.ContentType = ContentType;
        http.Response.Headers["x-amzn-RequestId"] = Guid.NewGuid().ToString();
        if (errorType is not null)
            http.Response.Headers["x-amzn-ErrorType"] = errorType;
        var bytes = JsonSerializer.SerializeToUtf8Bytes(body, Relaxed.JsonObject);
        http.Response.ContentLength = bytes.Length;
        await http.Response.Body.WriteAsync(bytes, http.RequestAborted).ConfigureAwait(false);
    }

    private static string Clip(string s) => s.Length > 100 ? s[..100] + "…" : s;
}
