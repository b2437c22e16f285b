using System.CommandLine;
using System.Text;
using Quickstep.Graph;

namespace Quickstep.Cli;

/// <summary>
/// `quickstep graph DEFINITION [--format svg|mermaid|dot|json] [--output FILE]`: draws a definition's
/// workflow graph (the one the console shows). DEFINITION is a file, or `-` for stdin. The drawing goes
/// to stdout unless --output names a file. An invalid definition prints its diagnostics to stderr as
/// `validate` prints them (`file: pointer: message`) and exits 1; 2 is a usage error.
/// </summary>
internal static class GraphCommand
{
    public const string Usage = "usage: quickstep graph DEFINITION [--format svg|mermaid|dot|json] [--output FILE]";

    public static Command Create()
    {
        var definition = new Argument<string>("DEFINITION") { Description = "The ASL definition (JSON) to draw; - reads it from stdin." };
        var format = CliOptions.OneOf("--format", "svg (default): a self-contained SVG; mermaid: a flowchart; dot: Graphviz; json: the graph model.", "svg", "mermaid", "dot", "json");
        var output = CliOptions.File("--output", "Write the drawing to FILE instead of stdout.");
        var command = new Command("graph", "Draw a definition's workflow graph as SVG, Mermaid, Graphviz DOT or JSON.") { definition, format, output };
        command.SetAction((r, _) => ExecuteAsync(
            r.GetRequiredValue(definition),
            r.GetValue(format) ?? "svg",
            r.GetValue(output),
            Console.In,
            r.InvocationConfiguration.Output,
            r.InvocationConfiguration.Error));
        return command;
    }

    /// <summary>Draws <paramref name="definition"/> (a path, or "-" for <paramref name="stdin"/>) in <paramref name="format"/>.</summary>
    public static async Task<int> ExecuteAsync(string definition, string format, string? output, TextReader stdin, TextWriter stdout, TextWriter stderr)
    {
        string text;
        try
        {
            text = definition == "-" ? await stdin.ReadToEndAsync().ConfigureAwait(false) : DefinitionText.Decode(await File.ReadAllBytesAsync(definition).ConfigureAwait(false));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            await stderr.WriteLineAsync($"{definition}: : The file cannot be read: {e.Message}").ConfigureAwait(false);
            return CommandLine.ExitFailed;
        }
        catch (DecoderFallbackException)
        {
            await stderr.WriteLineAsync($"{definition}: : The definition is not valid JSON: the file is not UTF-8 text.").ConfigureAwait(false);
            return CommandLine.ExitFailed;
        }

        var loaded = WorkflowGraph.TryFromDefinition(text);
        if (loaded.Graph is not { } graph)
        {
            foreach (var d in loaded.Diagnostics)
                await stderr.WriteLineAsync($"{definition}: {d.Pointer}: {d.Message}").ConfigureAwait(false);
            return CommandLine.ExitFailed;
        }

        var drawing = format switch
        {
            "mermaid" => graph.ToMermaid(),
            "dot" => graph.ToDot(),
            "json" => graph.ToJson(indented: true) + "\n",
            _ => graph.ToSvg(),
        };
        if (output is null)
        {
            await stdout.WriteAsync(drawing).ConfigureAwait(false);
            return CommandLine.ExitOk;
        }

        try
        {
            await File.WriteAllTextAsync(output, drawing, DefinitionText.StrictUtf8).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            await stderr.WriteLineAsync($"quickstep graph: cannot write {output}: {e.Message}").ConfigureAwait(false);
            return CommandLine.ExitFailed;
        }

        return CommandLine.ExitOk;
    }
}
