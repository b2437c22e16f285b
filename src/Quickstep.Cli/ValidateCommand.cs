using System.CommandLine;
using System.Text;
using Quickstep.Asl.Validation;
using Quickstep.Engine;
using Quickstep.Json;

namespace Quickstep.Cli;

/// <summary>
/// `quickstep validate FILE... [--format text|json] [--type EXPRESS|STANDARD]`: loads each definition and
/// prints every diagnostic. Text: one line per diagnostic, `file: pointer: message`, the pointer printed as
/// is ("" for the root, so `file: : message`). JSON: one array of {"file","code","pointer","message"}. Exit 0
/// when every file is valid, 1 when one is not (an unreadable file counts as invalid), 2 on a usage error.
/// `--standard` is a hidden alias of `--type STANDARD`, kept for the command lines that used it.
/// </summary>
internal static class ValidateCommand
{
    public const string Usage = "usage: quickstep validate FILE... [--format text|json] [--type EXPRESS|STANDARD]";

    public static Command Create()
    {
        var files = new Argument<string[]>("FILE") { Description = "ASL definitions (JSON) to check.", Arity = ArgumentArity.OneOrMore };
        var format = CliOptions.OneOf("--format", "text (default): one `file: pointer: message` line per problem; json: one array of {file, code, pointer, message}.", "text", "json");
        var type = CliOptions.Type("Check with the rules of this state machine type (default EXPRESS).");
        var standard = new Option<bool>("--standard") { Hidden = true, Description = "Same as --type STANDARD." };

        var command = new Command("validate", "Check definitions and print every problem found.") { files, format, type, standard };
        command.Validators.Add(r =>
        {
            if (r.GetResult(standard) is not null && r.GetValue(type) == StateMachineType.Express)
                r.AddError("--standard contradicts --type EXPRESS");
        });
        command.SetAction((r, _) => ExecuteAsync(
            r.GetRequiredValue(files),
            r.GetValue(format) == "json",
            r.GetValue(standard) ? StateMachineType.Standard : r.GetValue(type) ?? StateMachineType.Express,
            r.InvocationConfiguration.Output));
        return command;
    }

    /// <summary>Validates <paramref name="files"/> and prints their diagnostics.</summary>
    public static async Task<int> ExecuteAsync(IReadOnlyList<string> files, bool json, StateMachineType type, TextWriter stdout)
    {
        var engine = new QuickstepEngine();
        var results = new List<(string File, Diagnostic Diagnostic)>();
        var allValid = true;
        foreach (var file in files)
        {
            var diagnostics = await ValidateFileAsync(file, engine, type).ConfigureAwait(false);
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

    private static async Task<IReadOnlyList<Diagnostic>> ValidateFileAsync(string file, QuickstepEngine engine, StateMachineType type)
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
            text = DefinitionText.Decode(bytes);
        }
        catch (DecoderFallbackException)
        {
            return [new Diagnostic(DiagnosticCodes.InvalidJsonDescription, "", "The definition is not valid JSON: the file is not UTF-8 text.")];
        }

        // Validation and compilation in one pass, as run and serve load it.
        return engine.TryLoad(text, "validate", type).Diagnostics;
    }
}
