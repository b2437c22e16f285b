using System.Text;
using Quickstep.Server.Hosting;

namespace Quickstep.Server.Tests.Http;

public sealed class HttpConfigTests
{
    [Fact]
    public void Parse_AllowedHosts_Read()
    {
        var config = QuickstepConfigLoader.Parse(Encoding.UTF8.GetBytes("""{"http": {"allowedHosts": ["127.0.0.1", " api.example.com ", "*.example.com"]}}"""), "q.json");

        Assert.Equal(["127.0.0.1", "api.example.com", "*.example.com"], config.Http.AllowedHosts);
    }

    [Fact]
    public void Parse_NoHttpSection_NoHostAllowed() =>
        Assert.Empty(QuickstepConfigLoader.Parse("{}"u8, "q.json").Http.AllowedHosts);

    [Fact]
    public void Parse_BadHttpSection_EveryProblemWithItsPointer()
    {
        const string Json = """{"http": {"allowedHosts": ["https://api.example.com/x", 7], "hosts": []}}""";

        var e = Assert.Throws<QuickstepConfigException>(() => QuickstepConfigLoader.Parse(Encoding.UTF8.GetBytes(Json), "q.json"));

        Assert.Contains("/http/allowedHosts/0: must be a host name, host:port, *.domain or *, not 'https://api.example.com/x'", e.Message, StringComparison.Ordinal);
        Assert.Contains("/http/allowedHosts/1: must be a string, not a number", e.Message, StringComparison.Ordinal);
        Assert.Contains("/http/hosts: unknown member 'hosts'; expected one of: allowedHosts", e.Message, StringComparison.Ordinal);
    }
}
