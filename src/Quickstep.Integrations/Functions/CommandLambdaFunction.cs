using System.ComponentModel;
using System.Diagnostics;
using System.Text;
using Quickstep.Json;

namespace Quickstep.Integrations.Functions;

/// <summary>
/// A function run as a local process, never through a shell: the event JSON goes to stdin, the
/// result is stdout parsed as JSON.
/// <list type="bullet">
/// <item>Exit 0: success; empty stdout is <c>null</c>; stdout that is not JSON fails with <c>Lambda.Unknown</c>.</item>
/// <item>Non-zero exit and stdout a Lambda error object (<c>{"errorType": E, "errorMessage": M, …}</c>):
/// error E, cause the printed JSON text (re-serialized compactly for lambda:invoke, as AWS does).</item>
/// <item>Any other non-zero exit, or a program that cannot start: error <c>Lambda.Unknown</c>, cause
/// AWS's "The cause could not be determined …" sentence plus the exit code and the tail of stderr.</item>
/// <item>Cancellation (a Task timeout) kills the whole process tree.</item>
/// </list>
/// </summary>
internal sealed class CommandLambdaFunction(string[] command, string? workingDirectory, IReadOnlyDictionary<string, string>? environment = null) : LambdaFunction
{
    /// <summary>Lambda's synchronous response limit (6 MB); more output is a function error.</summary>
    internal const int MaxOutputBytes = 6 * 1024 * 1024;

    /// <summary>How much of stderr a cause quotes (its end, where the error usually is).</summary>
    internal const int StderrTailChars = 4096;


    public IReadOnlyList<string> Command => command;

    public override async ValueTask<LambdaInvocationResult> InvokeAsync(JValue payload, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var startInfo = FunctionProcess.StartInfo(ResolveProgram(command[0], workingDirectory), command.Skip(1), workingDirectory, environment, redirectStdin: true);
        using var process = new Process { StartInfo = startInfo };
        try
        {
            process.Start();
        }
        catch (Exception ex) when (ex is Win32Exception or InvalidOperationException or PlatformNotSupportedException)
        {
            return LambdaInvocationResult.Failure(LambdaError.Unknown(
                $"{LambdaError.UnknownCausePrefix} Command '{command[0]}' could not start: {ex.Message}"));
        }

        // Read both pipes before writing stdin so that a process that writes a lot cannot block us.
        var stdoutTask = ReadStdoutAsync(process.StandardOutput.BaseStream, cancellationToken);
        var stderrTask = ReadStderrTailAsync(process.StandardError, cancellationToken);
        try
        {
            await WriteStdinAsync(process, payload, cancellationToken).ConfigureAwait(false);
            await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
            var stdout = await stdoutTask.ConfigureAwait(false);
            var stderr = await stderrTask.ConfigureAwait(false);
            return Interpret(process.ExitCode, stdout, stderr);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            FunctionProcess.Kill(process);
            await ObserveAsync(stdoutTask, stderrTask).ConfigureAwait(false);
            throw;
        }
        catch
        {
            FunctionProcess.Kill(process);
            await ObserveAsync(stdoutTask, stderrTask).ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// A relative program path (<c>./fn.sh</c>) means one under the working directory; Process.Start
    /// would resolve it against the current directory instead. Bare names still go through PATH.
    /// </summary>
    internal static string ResolveProgram(string program, string? workingDirectory)
    {
        if (workingDirectory is null || Path.IsPathRooted(program)
            || program.IndexOfAny(['/', Path.DirectorySeparatorChar]) < 0)
            return program;
        return Path.GetFullPath(Path.Combine(workingDirectory, program));
    }

    private LambdaInvocationResult Interpret(int exitCode, byte[]? stdout, string stderr)
    {
        if (stdout is null)
        {
            return LambdaInvocationResult.Failure(LambdaError.Unknown(
                $"{LambdaError.UnknownCausePrefix} Command '{command[0]}' wrote more than {MaxOutputBytes} bytes to stdout."));
        }

        var text = FunctionProcess.Utf8NoBom.GetString(stdout).Trim();
        JValue? parsed = null;
        string? parseError = null;
        if (text.Length > 0)
            _ = JsonText.TryParse(text, out parsed, out parseError);

        if (exitCode == 0)
        {
            if (text.Length == 0)
                return LambdaInvocationResult.Success(JValue.Null);
            if (parsed is not null)
                return LambdaInvocationResult.Success(parsed);
            return LambdaInvocationResult.Failure(LambdaError.Unknown(
                $"{LambdaError.UnknownCausePrefix} Command '{command[0]}' printed output that is not JSON ({parseError}): {Shorten(text)}{StderrPart(stderr)}"));
        }

        if (parsed is JObject error && error["errorType"] is JString { Value.Length: > 0 } errorType)
        {
            var message = error["errorMessage"] is JString m ? m.Value : string.Empty;
            return LambdaInvocationResult.Failure(LambdaError.FromPrinted(errorType.Value, message, error, text));
        }

        var stdoutPart = text.Length == 0 ? string.Empty : $" stdout: {Shorten(text)}";
        return LambdaInvocationResult.Failure(LambdaError.Unknown(
            $"{LambdaError.UnknownCausePrefix} Command '{command[0]}' exited with code {exitCode}.{stdoutPart}{StderrPart(stderr)}"));
    }

    private static string StderrPart(string stderr)
    {
        var trimmed = stderr.Trim();
        return trimmed.Length == 0 ? string.Empty : $" stderr: {trimmed}";
    }

    private static string Shorten(string text) =>
        text.Length <= StderrTailChars ? text : string.Concat(text.AsSpan(0, StderrTailChars), "…");

    private static async Task WriteStdinAsync(Process process, JValue payload, CancellationToken cancellationToken)
    {
        var stdin = process.StandardInput.BaseStream;
        try
        {
            await stdin.WriteAsync(JsonText.SerializeToUtf8(payload), cancellationToken).ConfigureAwait(false);
            await stdin.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (IOException)
        {
            // The program exited or closed stdin without reading the event: its exit status decides.
        }
        finally
        {
            try
            {
                process.StandardInput.Close();
            }
            catch (IOException)
            {
                // Closing a pipe whose reader is gone: nothing to tell the function.
            }
        }
    }

    /// <summary>All of stdout, or null past <see cref="MaxOutputBytes"/>.</summary>
    private static async Task<byte[]?> ReadStdoutAsync(Stream stream, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        var tooLarge = false;
        int read;
        while ((read = await stream.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (tooLarge)
                continue;
            if (buffer.Length + read > MaxOutputBytes)
            {
                tooLarge = true;
                continue;
            }

            buffer.Write(chunk, 0, read);
        }

        return tooLarge ? null : buffer.ToArray();
    }

    /// <summary>The last <see cref="StderrTailChars"/> characters of stderr (reads it all so the program never blocks).</summary>
    private static async Task<string> ReadStderrTailAsync(StreamReader reader, CancellationToken cancellationToken)
    {
        var tail = new StringBuilder();
        var chunk = new char[4096];
        int read;
        while ((read = await reader.ReadAsync(chunk.AsMemory(), cancellationToken).ConfigureAwait(false)) > 0)
        {
            tail.Append(chunk, 0, read);
            if (tail.Length > StderrTailChars * 2)
                tail.Remove(0, tail.Length - StderrTailChars);
        }

        if (tail.Length > StderrTailChars)
            tail.Remove(0, tail.Length - StderrTailChars);
        return tail.ToString();
    }

    private static async Task ObserveAsync(Task first, Task second)
    {
        try
        {
            await Task.WhenAll(first, second).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // the reads of a killed process fail in any way; the original failure is what matters
        catch (Exception)
#pragma warning restore CA1031
        {
        }
    }
}
