namespace Quickstep.Integrations;

/// <summary>The text of a configuration file (functions file, mock config); a file that cannot be read is an <see cref="InvalidFileException"/> naming it.</summary>
internal static class ConfigFileText
{
    public static string Read(string path, Func<string, IReadOnlyList<string>, InvalidFileException> invalid)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            throw invalid(path, [$"cannot read the file: {ex.Message}"]);
        }
    }
}
