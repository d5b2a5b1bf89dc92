// The Chorus Azure Functions app (isolated worker, ASP.NET Core integration, Durable Functions): the shared services,
// with Durable's orchestration client (through DurableOrchestrationClientAdapter) instead of the embedded engine.

using Azure.Core.Serialization;
using Chorus.Functions.Orchestration;
using Chorus.Host;
using Chorus.Orchestration;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

FunctionsApplicationBuilder builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();

IServiceCollection services = builder.Services;
ConfigurationManager configuration = builder.Configuration;

// One JSON shape for orchestration inputs, outputs, events and status in both hosts: Durable's data converter is the
// worker's serializer (FunctionsWorkerApplicationBuilderExtensions.PostConfigure*Options in the Durable extension).
services.Configure<WorkerOptions>(options => options.Serializer = new JsonObjectSerializer(DurableJson.Options));

// The orchestration port over Durable: the client bound by [DurableClient] in each function (see BoundDurableClient).
services.AddSingleton<BoundDurableClient>();
services.AddSingleton<OrchestrationClient>(sp => new DurableOrchestrationClientAdapter(() => sp.GetRequiredService<BoundDurableClient>().Client));

// Everything else is what the self-host registers (ChorusApp.AddChorusServices), without its embedded engine and
// without the monitor's loop: timer functions call MentionMonitor.PollAsync.
services.AddChorusServices(configuration);

await builder.Build().RunAsync().ConfigureAwait(false);
