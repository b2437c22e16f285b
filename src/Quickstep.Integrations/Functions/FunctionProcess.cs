using System.ComponentModel;
using System.Diagnostics;
using System.Text;

namespace Quickstep.Integrations.Functions;

/// <summary>How function processes (commands, runtime workers) are started and stopped: never through a shell, UTF-8 pipes.</summary>
internal static class FunctionProcess
{
    public static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>Stdout and stderr redirected; stdin too when <paramref name="redirectStdin"/> (the event is written to it).</summary>
    public static ProcessStartInfo StartInfo(string program, IEnumerable<string> arguments, string? workingDirectory,
        IEnumerable<KeyValuePair<string, string>>? environment, bool redirectStdin)
    {
        var start = new ProcessStartInfo(program)
        {
            UseShellExecute = false,
            RedirectStandardInput = redirectStdin,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardInputEncoding = redirectStdin ? Utf8NoBom : null,
            StandardOutputEncoding = Utf8NoBom,
            StandardErrorEncoding = Utf8NoBom,
        };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        if (workingDirectory is not null)
            start.WorkingDirectory = workingDirectory;
        if (environment is not null)
        {
            foreach (var (name, value) in environment)
                start.Environment[name] = value;
        }

        return start;
    }

    /// <summary>Kills the process and everything it started; one that is already gone is no error.</summary>
    public static void Kill(Process process)
    {
        try
        {
            if (!process.HasExited)
                process.Kill(entireProcessTree: true);
        }
        catch (Exception ex) when (ex is InvalidOperationException or Win32Exception or NotSupportedException)
        {
            // Already gone.
        }
    }
}
