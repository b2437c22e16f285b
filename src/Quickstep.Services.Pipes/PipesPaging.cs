using System.Text;

namespace Quickstep.Services.Pipes;

/// <summary>ListPipes' NextToken: the last name given, tagged and base64-encoded, so that a tampered token is refused rather than read as a name.</summary>
internal static class PipesPaging
{
    private const string Tag = "pipe:";

    public static string Token(string lastName) => Convert.ToBase64String(Encoding.UTF8.GetBytes(Tag + lastName));

    /// <summary>The name a token continues after; a ValidationException when it is not one this service gave.</summary>
    public static string After(string token)
    {
        try
        {
            var text = Encoding.UTF8.GetString(Convert.FromBase64String(token));
            if (text.StartsWith(Tag, StringComparison.Ordinal))
                return text[Tag.Length..];
        }
        catch (FormatException)
        {
            // Not base64: refused below.
        }

        throw PipesErrors.Validation("The NextToken provided is invalid.");
    }
}
