namespace Chorus.Benchmarks;

/// <summary>Benchmark arguments of the form <c>Key=Value</c>, laid over the host's configuration.</summary>
internal static class Overrides
{
    /// <summary>Parses every argument as <c>Key=Value</c> (the key in configuration form, for example <c>Durable:PartitionCount</c>).</summary>
    public static Dictionary<string, string?> Parse(string[] args)
    {
        Dictionary<string, string?> overrides = new(StringComparer.OrdinalIgnoreCase);
        foreach (string arg in args)
        {
            int equals = arg.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                throw new ArgumentException($"Expected Key=Value, got '{arg}'.", nameof(args));
            }

            overrides[arg[..equals]] = arg[(equals + 1)..];
        }

        return overrides;
    }
}
