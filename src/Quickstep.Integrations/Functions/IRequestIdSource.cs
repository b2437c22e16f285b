namespace Quickstep.Integrations.Functions;

/// <summary>Makes the request ids that Lambda responses and errors carry; inject a fixed source in tests.</summary>
public interface IRequestIdSource
{
    /// <summary>A new request id (AWS uses a lower-case UUID such as <c>0f4a…-…</c>).</summary>
    string NextRequestId();
}
