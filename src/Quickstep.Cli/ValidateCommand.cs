using System.Text;
using Quickstep.Asl.Json;
using Quickstep.Asl.Parsing;
using Quickstep.Asl.Validation;

namespace Quickstep.Cli;

/// <summary>
/// `quickstep validate FILE... [--format text|json] [--standard]`: loads each definition and prints every diagnostic.
/// Text: one line per diagnostic, `file: pointer: message`, the pointer printed as is ("" for the root, so
/// `file: : message`). JSON: one array of {"file","code","pointer","message"}. Exit 0 when every file is
/// valid, 1 when one is not (an unreadable file counts as invalid), 2 on a usage error.
/// </summary>
internal static class ValidateCommand
{
    private const string Usage = "usage: quickstep validate FILE... [--format text|json] [--standard]";

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr)
    {
        var files = new List<string>();
        var json = false;
        var express = true;
        for (var i = 0; i < args.Length; i++)
        {
            var arg = args[i];
            string? format = null;
            if (arg == "--format")
            {
                if (i + 1 >= args.Length)
                    return await UsageErrorAsync(stderr, "--format needs a value: text or json").ConfigureAwait(false);
                format = args[++i];
            }
            else if (arg.StartsWith("--format=", StringComparison.Ordinal))
            {
                format = arg["--format=".Length..];
            }
            else if (arg == "--standard")
            {
                express = false;
                continue;
            }
            else if (arg == "--")
            {
                files.AddRange(args[(i + 1)..]);
                break;
            }
            else if (arg.Length > 1 && arg[0] == '-')
            {
                return await UsageErrorAsync(stderr, $"unknown option '{arg}'").ConfigureAwait(false);
            }
            else
            {
                files.Add(arg);
                continue;
            }

            switch (format)
            {
                case "json":
                    json = true;
                    break;
                case "text":
                    json = false;
                    break;
                default:
                    return await UsageErrorAsync(stderr, $"unknown format '{format}': expected text or json").ConfigureAwait(false);
            }
        }

        if (files.Count == 0)
            return await UsageErrorAsync(stderr, "no files given").ConfigureAwait(false);

        var options = new LoadOptions { Express = express };
        var results = new List<(string File, Diagnostic Diagnostic)>();
        var allValid = true;
        foreach (var file in files)
        {
            var diagnostics = await ValidateFileAsync(file, options).ConfigureAwait(false);
            if (diagnostics.Count > 0)
                allValid = false;
            foreach (var d in diagnostics)
                results.Add((file, d));
        }

        if (json)
        {
            var items = new JValue[results.Count];
            for (var i = 0; i < results.Count; i++)
            {
                var (file, d) = results[i];
                items[i] = new JObjectBuilder()
                    .AddUnique("file", JString.Create(file))
                    .AddUnique("code", JString.Create(d.Code))
                    .AddUnique("pointer", JString.Create(d.Pointer))
                    .AddUnique("message", JString.Create(d.Message))
                    .Build();
            }

            await stdout.WriteLineAsync(JArray.Own(items).ToJson(indented: true)).ConfigureAwait(false);
        }
        else
        {
            foreach (var (file, d) in results)
                await stdout.WriteLineAsync($"{file}: {d.Pointer}: {d.Message}").ConfigureAwait(false);
        }

        return allValid ? CommandLine.ExitOk : CommandLine.ExitFailed;
    }

    private static async Task<IReadOnlyList<Diagnostic>> ValidateFileAsync(string file, LoadOptions options)
    {
        byte[] bytes;
        try
        {
            bytes = await File.ReadAllBytesAsync(file).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return [new Diagnostic(DiagnosticCodes.UnreadableFile, "", $"The file cannot be read: {e.Message}")];
        }

        string text;
        try
        {
            var span = bytes.AsSpan();
            if (span.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
                span = span[3..];
            text = StrictUtf8.GetString(span);
        }
        catch (DecoderFallbackException)
        {
            return [new Diagnostic(DiagnosticCodes.InvalidJsonDescription, "", "The definition is not valid JSON: the file is not UTF-8 text.")];
        }

        return DefinitionLoader.Load(text, options).Diagnostics;
    }

    private static async Task<int> UsageErrorAsync(TextWriter stderr, string problem)
    {
        await stderr.WriteLineAsync($"quickstep validate: {problem}\n{Usage}").ConfigureAwait(false);
        return CommandLine.ExitUsage;
    }
}
