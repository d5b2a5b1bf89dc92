using System.Diagnostics;
using OpenTelemetry;

namespace Chorus.Infrastructure.Telemetry;

/// <summary>
/// Drops Azure SDK spans that start a trace of their own: the task hub's queue polls and lease renewals, several a
/// second on an idle process, and the storage calls of orchestration activities. The same calls made for a request or a
/// mention poll keep their place in its trace.
/// </summary>
/// <remarks>
/// Clearing the recorded flag when the span starts drops it at export and leaves its children (the SDK's HTTP
/// pipeline and HttpClient spans) unsampled as well.
/// </remarks>
internal sealed class BackgroundSpanFilter : BaseProcessor<Activity>
{
    public override void OnStart(Activity data)
    {
        if (data.Parent is null && data.ParentSpanId == default && data.Source.Name.StartsWith(ChorusTelemetry.AzureSdkPrefix, StringComparison.Ordinal))
        {
            data.ActivityTraceFlags &= ~ActivityTraceFlags.Recorded;
        }
    }
}
