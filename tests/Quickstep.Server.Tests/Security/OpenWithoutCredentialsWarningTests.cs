using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Quickstep.Aws.Signing;

namespace Quickstep.Server.Tests.Security;

/// <summary>Issue 18: a server that listens beyond loopback without credentials says so loudly at start; with credentials, or on loopback, it does not.</summary>
public sealed class OpenWithoutCredentialsWarningTests
{
    [Theory]
    [InlineData("0.0.0.0", false, true)]
    [InlineData("0.0.0.0", true, false)]
    [InlineData("127.0.0.1", false, false)]
    public async Task Start_WarnsOnlyWhenOpenBeyondLoopbackWithoutCredentials(string host, bool withCredentials, bool expectWarning)
    {
        var dir = Path.Combine(Path.GetTempPath(), "qs-open-" + Guid.NewGuid().ToString("N"));
        var warnings = new ConcurrentQueue<string>();
        var server = await QuickstepServer.StartAsync(
            new QuickstepServerOptions
            {
                Host = host,
                Port = 0,
                DatabasePath = Path.Combine(dir, "q.db"),
                Credentials = withCredentials ? [new AwsCredentials("AKIDTEST", "secret")] : [],
            },
            logging => logging.AddProvider(new CapturingProvider(warnings)));
        try
        {
            var loud = warnings.Where(w => w.Contains("beyond loopback, WITHOUT credentials", StringComparison.Ordinal)).ToList();
            if (expectWarning)
            {
                var line = Assert.Single(loud);
                Assert.Contains(host, line, StringComparison.Ordinal);
                Assert.Contains("--credentials", line, StringComparison.Ordinal);
            }
            else
            {
                Assert.Empty(loud);
            }
        }
        finally
        {
            await server.DisposeAsync();
            Directory.Delete(dir, recursive: true);
        }
    }

    private sealed class CapturingProvider(ConcurrentQueue<string> warnings) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new Capturing(warnings);

        public void Dispose()
        {
        }
    }

    private sealed class Capturing(ConcurrentQueue<string> warnings) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (logLevel >= LogLevel.Warning)
                warnings.Enqueue(formatter(state, exception));
        }
    }
}
