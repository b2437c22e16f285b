namespace Quickstep.Integrations.Http;

/// <summary>An OAuth connection's token could not be obtained (the Task fails with Events.ConnectionResource.InvalidConnectionState).</summary>
internal sealed class OAuthTokenException : Exception
{
    public OAuthTokenException()
    {
    }

    public OAuthTokenException(string message)
        : base(message)
    {
    }

    public OAuthTokenException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
