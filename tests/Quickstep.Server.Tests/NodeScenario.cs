using System.Text.Json;

namespace Quickstep.Server.Tests;

/// <summary>Starts a server, runs one node script of sdk/ (the official AWS SDK for JavaScript) against it once, keeps its JSON output.</summary>
public abstract class NodeScenario : IAsyncLifetime
{
    private readonly InProcessServer _server = new();
    private readonly string _script;

    protected NodeScenario(string script) => _script = script;

    public JsonElement Result { get; private set; }

    public InProcessServer Server => _server;

    public async Task InitializeAsync()
    {
        await Npm.EnsureInstalledAsync();
        await _server.InitializeAsync();
        await BeforeScriptAsync();
        var (code, stdout, stderr) = await ProcessRunner.RunAsync("node", [_script, _server.Endpoint, .. ScriptArguments()], Repo.SdkDirectory, TimeSpan.FromSeconds(120));
        Assert.True(code == 0, $"node {_script} failed ({code}): {stderr}");
        Result = JsonDocument.Parse(stdout).RootElement.Clone();
    }

    protected virtual Task BeforeScriptAsync() => Task.CompletedTask;

    protected virtual IEnumerable<string> ScriptArguments() => [];

    public virtual Task DisposeAsync() => _server.DisposeAsync();
}
