namespace Quickstep.Engine.Ports;

/// <summary>
/// One HTTP request an integration sent and the response it got, as TestState's TRACE level shows them
/// (https://docs.aws.amazon.com/step-functions/latest/apireference/API_InspectionDataRequest.html and
/// API_InspectionDataResponse.html: every member a string). A response member is null when no response came.
/// </summary>
public sealed record HttpExchange
{
    public required string RequestProtocol { get; init; }

    public required string Method { get; init; }

    public required string Url { get; init; }

    public required string RequestHeaders { get; init; }

    public required string RequestBody { get; init; }

    public string? ResponseProtocol { get; init; }

    public string? StatusCode { get; init; }

    public string? StatusMessage { get; init; }

    public string? ResponseHeaders { get; init; }

    public string? ResponseBody { get; init; }
}
