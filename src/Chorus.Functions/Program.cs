// The Chorus Azure Functions app (isolated worker, ASP.NET Core integration, Durable Functions): the services both
// hosts share, with the Durable client of each invocation (its [DurableClient] binding) as the DurableTaskClient.

using Azure.Core.Serialization;
using Azure.Monitor.OpenTelemetry.Exporter;
using Chorus.Durable;
using Chorus.Functions.Durable;
using Chorus.Functions.Http;
using Chorus.Host;
using Chorus.Infrastructure.Telemetry;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Azure.Functions.Worker.OpenTelemetry;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenTelemetry;

FunctionsApplicationBuilder builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
builder.UseMiddleware<SecurityHeadersMiddleware>();

IServiceCollection services = builder.Services;
ConfigurationManager configuration = builder.Configuration;

// One JSON shape for orchestration inputs, outputs, events and status in both hosts. The Durable extension has no
// setting of its own: it post-configures the worker's and the client's DataConverter from WorkerOptions.Serializer
// (FunctionsWorkerApplicationBuilderExtensions.ConfigureDurableExtension), its activity-input converter deserializes
// with that DataConverter, and activity results go back through the same worker serializer. The self-host sets
// JsonDataConverter(DurableJson.Options) on its worker and client.
services.Configure<WorkerOptions>(options => options.Serializer = new JsonObjectSerializer(DurableJson.Options));

// DurableTaskClient, for the self-host's handlers and the mention monitor, is the one bound to the running function.
services.AddInvocationDurableClient();

// Everything else is what the self-host registers (ChorusApp.AddChorusServices), without its Durable Task worker on
// DTFx (the Durable extension runs orchestrations here) and without the monitor's loop (timer functions drive it).
services.AddChorusServices(configuration);

// Telemetry: what both hosts share, the worker's own (function invocations as spans, correlated with the Functions
// host's when host.json sets "telemetryMode": "OpenTelemetry"), and Azure Monitor's exporter when configured.
IOpenTelemetryBuilder telemetry = services.AddChorusOpenTelemetry(configuration, "chorus-functions").UseFunctionsWorkerDefaults();
if (ChorusTelemetry.UsesAzureMonitor(configuration))
{
    telemetry.UseAzureMonitorExporter(options => options.Credential = ChorusTelemetry.AzureMonitorCredential(configuration));
}

await builder.Build().RunAsync().ConfigureAwait(false);
