using Quickstep.Engine.Ports;

namespace Quickstep.Integrations.Tests.Http;

internal sealed class RecordingExchanges(bool revealSecrets) : IHttpExchangeRecorder
{
    public bool RevealSecrets => revealSecrets;

    public HttpExchange? Last { get; private set; }

    public void Record(HttpExchange exchange) => Last = exchange;
}
