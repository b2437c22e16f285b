namespace Quickstep.Server.Hosting;

/// <summary>The <c>http</c> section of the configuration file: what HTTP Tasks (<c>arn:aws:states:::http:invoke</c>) may reach.</summary>
public sealed class HttpConfig
{
    /// <summary>Hosts HTTP Tasks may call (<c>api.example.com</c>, <c>127.0.0.1:8080</c>, <c>*.example.com</c>, <c>*</c>); default none.</summary>
    public IReadOnlyList<string> AllowedHosts { get; init; } = [];
}
