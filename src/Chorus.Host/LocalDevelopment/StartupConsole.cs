namespace Chorus.Host.LocalDevelopment;

/// <summary>
/// The run command's own voice: plain <c>chorus: ...</c> lines on standard output, apart from the logs, so someone
/// watching a first start sees what it is doing and where each part is.
/// </summary>
internal static class StartupConsole
{
    public static void Say(string line) => Console.Out.WriteLine("chorus: " + line);
}
