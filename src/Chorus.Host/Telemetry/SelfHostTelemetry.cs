using Azure.Monitor.OpenTelemetry.AspNetCore;
using Chorus.Infrastructure.Telemetry;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Chorus.Host.Telemetry;

/// <summary>The self-host's telemetry: the shared setup, ASP.NET Core's server spans, and Azure Monitor's distro when configured.</summary>
internal static class SelfHostTelemetry
{
    public const string ServiceName = "chorus-selfhost";

    public static WebApplicationBuilder AddChorusTelemetry(this WebApplicationBuilder builder)
    {
        OpenTelemetryBuilder telemetry = builder.Services.AddChorusOpenTelemetry(builder.Configuration, ServiceName)
            .WithTracing(tracing => tracing.AddAspNetCoreInstrumentation(http => http.Filter = context => !IsProbeOrSidecar(context)))
            .WithMetrics(metrics => metrics.AddAspNetCoreInstrumentation());
        if (ChorusTelemetry.UsesAzureMonitor(builder.Configuration))
        {
            // The distro reads APPLICATIONINSIGHTS_CONNECTION_STRING itself; it adds logs and live metrics too.
            telemetry.UseAzureMonitor(options => options.Credential = ChorusTelemetry.AzureMonitorCredential(builder.Configuration));
        }

        return builder;
    }

    /// <summary>Health probes every few seconds, and the Durable Task SDK's gRPC calls to the in-process sidecar, make no spans.</summary>
    private static bool IsProbeOrSidecar(HttpContext context)
        => context.Request.Path.StartsWithSegments("/healthz") || context.Request.Path.StartsWithSegments("/readyz")
            || context.Request.ContentType?.StartsWith("application/grpc", StringComparison.Ordinal) == true;
}
