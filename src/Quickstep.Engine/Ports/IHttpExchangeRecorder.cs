namespace Quickstep.Engine.Ports;

/// <summary>Receives the HTTP exchanges of a Task (TestState at TRACE); null on <see cref="TaskRequest"/> in every real execution.</summary>
public interface IHttpExchangeRecorder
{
    /// <summary>True: show what a connection adds to the request (auth headers, its parameters); false: leave it out (TestState revealSecrets).</summary>
    bool RevealSecrets { get; }

    void Record(HttpExchange exchange);
}
