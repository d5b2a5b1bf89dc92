using System.Diagnostics;

namespace Chorus.Telemetry;

/// <summary>Chorus's own spans, for work no request starts (a mention source's poll), so what it calls has a parent.</summary>
public static class ChorusTracing
{
    /// <summary>The activity source's name, for a host's OpenTelemetry setup.</summary>
    public const string SourceName = "Chorus";

    /// <summary>Gets the activity source.</summary>
    public static ActivitySource Source { get; } = new(SourceName);
}
