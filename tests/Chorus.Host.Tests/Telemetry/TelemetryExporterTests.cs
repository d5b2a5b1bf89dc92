using System.Diagnostics;
using System.Diagnostics.Metrics;
using Azure.Identity;
using Chorus.Host.Telemetry;
using Chorus.Infrastructure.Telemetry;
using Chorus.Telemetry;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Chorus.Host.Tests.Telemetry;

/// <summary>
/// Which exporters the self-host's telemetry setup adds, from configuration alone: each backend is a local receiver, so
/// what would be sent is seen without leaving the machine.
/// </summary>
public sealed class TelemetryExporterTests
{
    [Fact]
    public async Task Otlp_exports_traces_and_metrics_when_its_endpoint_is_set()
    {
        await using TelemetryReceiver collector = await TelemetryReceiver.StartAsync();
        await using WebApplication app = Build(new()
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = collector.Address.ToString().TrimEnd('/'),
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
        });

        EmitAndFlush(app);

        Assert.Contains("POST /v1/traces", collector.Requests);
        Assert.Contains("POST /v1/metrics", collector.Requests);
    }

    [Fact]
    public async Task Nothing_is_exported_without_an_endpoint_even_with_the_per_signal_settings_there()
    {
        await using TelemetryReceiver collector = await TelemetryReceiver.StartAsync();
        await using WebApplication app = Build(new()
        {
            // What the OTLP exporter would use were it on; without OTEL_EXPORTER_OTLP_ENDPOINT it is not.
            ["OTEL_EXPORTER_OTLP_TRACES_ENDPOINT"] = new Uri(collector.Address, "v1/traces").ToString(),
            ["OTEL_EXPORTER_OTLP_METRICS_ENDPOINT"] = new Uri(collector.Address, "v1/metrics").ToString(),
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
        });

        EmitAndFlush(app);

        Assert.Empty(collector.Requests);
    }

    [Fact]
    public async Task Azure_Monitor_exports_when_its_connection_string_is_set()
    {
        // Statsbeat (the exporter's own usage reports) would go to a Microsoft endpoint: off for this process.
        Environment.SetEnvironmentVariable("APPLICATIONINSIGHTS_STATSBEAT_DISABLED", "true");
        await using TelemetryReceiver ingestion = await TelemetryReceiver.StartAsync();
        await using WebApplication app = Build(new()
        {
            ["APPLICATIONINSIGHTS_CONNECTION_STRING"] = $"InstrumentationKey=00000000-0000-0000-0000-000000000001;IngestionEndpoint={ingestion.Address};LiveEndpoint={ingestion.Address}",
        });

        EmitAndFlush(app);

        Assert.Contains("POST /v2.1/track", ingestion.Requests);
        Assert.DoesNotContain(ingestion.Requests, request => request.Contains("/v1/", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(null, null)]
    [InlineData("", null)]
    [InlineData("Authorization=Key", null)]
    [InlineData("Authorization=AAD", typeof(DefaultAzureCredential))]
    [InlineData("authorization=aad", typeof(DefaultAzureCredential))]
    [InlineData("ClientId=11111111-2222-3333-4444-555555555555;Authorization=AAD", typeof(ManagedIdentityCredential))]
    public void Azure_Monitor_sends_with_an_Entra_credential_when_the_authentication_string_asks_for_one(string? authentication, Type? expected)
    {
        IConfiguration configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { [ChorusTelemetry.AzureMonitorAuthenticationSetting] = authentication })
            .Build();

        Assert.Equal(expected, ChorusTelemetry.AzureMonitorCredential(configuration)?.GetType());
    }

    /// <summary>The self-host's telemetry setup alone (<see cref="SelfHostTelemetry"/>, as <see cref="ChorusApp.AddChorus"/> calls it), on these settings.</summary>
    private static WebApplication Build(Dictionary<string, string?> settings)
    {
        WebApplicationBuilder builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Testing" });
        builder.Configuration.Sources.Clear();
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Logging.ClearProviders();
        builder.AddChorusTelemetry();
        return builder.Build();
    }

    /// <summary>One Chorus span and one Chorus measurement, then every exporter flushed.</summary>
    private static void EmitAndFlush(WebApplication app)
    {
        TracerProvider tracing = app.Services.GetRequiredService<TracerProvider>();
        MeterProvider metrics = app.Services.GetRequiredService<MeterProvider>();
        using (Activity? span = ChorusTracing.Source.StartActivity("exporter test"))
        {
            Assert.NotNull(span);
        }

        new ChorusMetrics(app.Services.GetRequiredService<IMeterFactory>()).PostSubmitted();
        tracing.ForceFlush(10_000);
        metrics.ForceFlush(10_000);
    }
}
