using Azure.Core;
using Azure.Identity;
using Chorus.Telemetry;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Chorus.Infrastructure.Telemetry;

/// <summary>
/// The OpenTelemetry setup both hosts share: Chorus's meter and spans, HTTP client calls, the Azure SDK's spans, and
/// the OTLP exporter when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set. Each host adds what is its own: the self-host
/// ASP.NET Core's server spans and Azure Monitor's distro, the Functions app the worker's defaults and Azure Monitor's
/// exporter (both when <c>APPLICATIONINSIGHTS_CONNECTION_STRING</c> is set).
/// </summary>
public static class ChorusTelemetry
{
    /// <summary>The setting that turns the OTLP exporter on (its other <c>OTEL_EXPORTER_OTLP_*</c> settings apply too).</summary>
    public const string OtlpEndpointSetting = "OTEL_EXPORTER_OTLP_ENDPOINT";

    /// <summary>The setting that turns Azure Monitor on.</summary>
    public const string AzureMonitorSetting = "APPLICATIONINSIGHTS_CONNECTION_STRING";

    /// <summary>Set to <c>Authorization=AAD</c> (optionally <c>;ClientId=...</c>) when the Application Insights resource takes Entra ID tokens only.</summary>
    public const string AzureMonitorAuthenticationSetting = "APPLICATIONINSIGHTS_AUTHENTICATION_STRING";

    /// <summary>The start of the Azure SDK's activity source names (storage, tables, identity).</summary>
    internal const string AzureSdkPrefix = "Azure.";

    /// <summary>
    /// Registers OpenTelemetry's traces and metrics with what both hosts share, and returns the builder for the host's
    /// own instrumentation and exporters.
    /// </summary>
    /// <param name="services">The host's services.</param>
    /// <param name="configuration">The host's configuration (environment variables included).</param>
    /// <param name="serviceName">The <c>service.name</c> unless <c>OTEL_SERVICE_NAME</c> says otherwise.</param>
    public static OpenTelemetryBuilder AddChorusOpenTelemetry(this IServiceCollection services, IConfiguration configuration, string serviceName)
    {
        ArgumentNullException.ThrowIfNull(configuration);

        // The Azure SDK emits its spans through ActivitySource only with this switch (its tracing is still "experimental").
        AppContext.SetSwitch("Azure.Experimental.EnableActivitySource", true);
        OpenTelemetryBuilder telemetry = services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(configuration["OTEL_SERVICE_NAME"] is { Length: > 0 } named ? named : serviceName))
            .WithMetrics(metrics => metrics
                .AddMeter(ChorusMetrics.MeterName)
                .AddHttpClientInstrumentation())
            .WithTracing(tracing => tracing
                .AddSource(ChorusTracing.SourceName)
                .AddSource(AzureSdkPrefix + "*")
                .AddHttpClientInstrumentation(http => http.FilterHttpRequestMessage = request => !IsGrpc(request))
                .AddProcessor(new BackgroundSpanFilter()));
        if (!string.IsNullOrWhiteSpace(configuration[OtlpEndpointSetting]))
        {
            telemetry.UseOtlpExporter();
        }

        return telemetry;
    }

    /// <summary>Whether Azure Monitor is configured.</summary>
    public static bool UsesAzureMonitor(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return !string.IsNullOrWhiteSpace(configuration[AzureMonitorSetting]);
    }

    /// <summary>
    /// The credential to send telemetry with when <c>APPLICATIONINSIGHTS_AUTHENTICATION_STRING</c> asks for Entra ID
    /// (Chorus's Bicep turns local authentication off): the managed identity named by its <c>ClientId</c>, or the
    /// default chain. Null when it asks for none, and the connection string's key is used.
    /// </summary>
    public static TokenCredential? AzureMonitorCredential(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        Dictionary<string, string> parts = (configuration[AzureMonitorAuthenticationSetting] ?? string.Empty)
            .Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(part => part.Split('=', 2, StringSplitOptions.TrimEntries))
            .Where(pair => pair.Length == 2)
            .ToDictionary(pair => pair[0], pair => pair[1], StringComparer.OrdinalIgnoreCase);
        if (!parts.TryGetValue("Authorization", out string? authorization) || !authorization.Equals("AAD", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        return parts.TryGetValue("ClientId", out string? clientId)
            ? new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(clientId))
            : new DefaultAzureCredential();
    }

    /// <summary>The Durable Task SDK's calls to the self-host's in-process sidecar: one per work item, not worth a span each.</summary>
    private static bool IsGrpc(HttpRequestMessage request)
        => request.Content?.Headers.ContentType?.MediaType?.StartsWith("application/grpc", StringComparison.Ordinal) == true;
}
