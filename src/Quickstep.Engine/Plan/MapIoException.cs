namespace Quickstep.Engine.Plan;

/// <summary>
/// Ends an ItemReader read or a ResultWriter export from deep inside its S3 I/O. It never leaves
/// those two classes: <c>ReadAsync</c>/<c>FinishAsync</c> catch it and return the error as a value
/// (the S3 calls dominate there, so the throw costs nothing measurable).
/// </summary>
internal sealed class MapIoException(StatesError error) : Exception(error.ToString())
{
    public StatesError Error { get; } = error;

    /// <summary>The work's value, or the error it ended with by this exception.</summary>
    public static async ValueTask<Evaluated> CaughtAsync(ValueTask<Evaluated> work)
    {
        try
        {
            return await work.ConfigureAwait(false);
        }
        catch (MapIoException e)
        {
            return e.Error;
        }
    }
}
