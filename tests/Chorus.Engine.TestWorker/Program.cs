using Chorus.Engine;
using Chorus.Engine.TestWorker.Orchestrations;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

// Usage: Chorus.Engine.TestWorker --Durable:ConnectionString=... --Durable:HubName=... --Durable:WorkerId=...
HostApplicationBuilder builder = Host.CreateApplicationBuilder(args);
builder.Logging.SetMinimumLevel(LogLevel.Warning);
builder.Services.AddSampleOrchestrations();
builder.Services.AddEmbeddedDurableEngine(builder.Configuration);
using IHost host = builder.Build();
await host.StartAsync();
Console.WriteLine("ready");
await host.WaitForShutdownAsync();
