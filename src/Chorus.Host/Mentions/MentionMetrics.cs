using System.Diagnostics.Metrics;

namespace Chorus.Host.Mentions;

/// <summary>The mention monitor's counters, created once for the process (the monitor itself is scoped).</summary>
internal sealed class MentionMetrics
{
    public MentionMetrics(IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(meters);
        Meter meter = meters.Create("Chorus.Mentions");
        Failures = meter.CreateCounter<long>("chorus.mentions.poll_failures");
        Taken = meter.CreateCounter<long>("chorus.mentions.taken_in");
    }

    /// <summary>Gets the count of failed polls, tagged with the source.</summary>
    public Counter<long> Failures { get; }

    /// <summary>Gets the count of mentions handed over to intake, tagged with the source.</summary>
    public Counter<long> Taken { get; }
}
