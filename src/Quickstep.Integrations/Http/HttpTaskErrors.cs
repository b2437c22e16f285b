namespace Quickstep.Integrations.Http;

/// <summary>The error names of the HTTP Task (https://docs.aws.amazon.com/step-functions/latest/dg/call-https-apis.html, "Connection errors").</summary>
internal static class HttpTaskErrors
{
    /// <summary>Followed by the status code: <c>States.Http.StatusCode.404</c>.</summary>
    public const string StatusCodePrefix = "States.Http.StatusCode.";

    /// <summary>The request timed out (60 s) or the connection to the API failed.</summary>
    public const string Socket = "States.Http.Socket";

    /// <summary>No connection has the ARN given.</summary>
    public const string ConnectionNotFound = "Events.ConnectionResource.ResourceNotFound";

    /// <summary>The connection is not AUTHORIZED (deauthorized, or its OAuth token could not be fetched).</summary>
    public const string InvalidConnectionState = "Events.ConnectionResource.InvalidConnectionState";

    /// <summary>The connection is still being authorized.</summary>
    public const string AuthInProgress = "Events.ConnectionResource.AuthInProgress";
}
