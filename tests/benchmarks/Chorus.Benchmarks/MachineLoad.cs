namespace Chorus.Benchmarks;

/// <summary>The machine's load averages, printed with a run's figures: the benchmark machine is often shared.</summary>
internal static class MachineLoad
{
    /// <summary>Gets the 1, 5 and 15 minute load averages and the core count, or a note where the OS does not say.</summary>
    public static string Describe()
    {
        const string path = "/proc/loadavg";
        string[] fields = File.Exists(path) ? File.ReadAllText(path).Split(' ', StringSplitOptions.RemoveEmptyEntries) : [];
        return fields.Length >= 3
            ? $"{fields[0]} {fields[1]} {fields[2]} on {Environment.ProcessorCount} cores"
            : $"unknown on {Environment.ProcessorCount} cores";
    }
}
