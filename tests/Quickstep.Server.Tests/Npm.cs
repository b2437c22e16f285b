namespace Quickstep.Server.Tests;

/// <summary>
/// Installs the SDK test script's dependencies (@aws-sdk/client-sfn, pinned in sdk/package-lock.json) once
/// when node_modules is missing; scripts/test.sh normally does this before the tests.
/// </summary>
internal static class Npm
{
    private static readonly SemaphoreSlim Gate = new(1, 1);

    public static async Task EnsureInstalledAsync()
    {
        await Gate.WaitAsync();
        try
        {
            if (Directory.Exists(Path.Combine(Repo.SdkDirectory, "node_modules", "@aws-sdk", "client-sfn")))
                return;
            var (code, stdout, stderr) = await ProcessRunner.RunAsync("npm", ["ci", "--no-audit", "--no-fund"], Repo.SdkDirectory, TimeSpan.FromMinutes(3));
            Assert.True(code == 0, $"npm ci failed ({code}): {stdout}\n{stderr}");
        }
        finally
        {
            Gate.Release();
        }
    }
}
