using System.Net;
using DurableTask.AzureStorage;
using DurableTask.Core;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.DurableTask.Testing.Sidecar.Grpc;

namespace Chorus.Host.Durable;

/// <summary>
/// The published Durable Task gRPC sidecar (<see cref="TaskHubGrpcServer"/>) over the Azure Storage orchestration
/// service, served in this process on a loopback HTTP/2 port. The Durable Task SDK's worker and client connect to it
/// as they would to any Durable backend, so orchestrations run on the real Durable Task Framework dispatchers.
/// </summary>
/// <remarks>
/// The sidecar takes exactly one worker connection; it is registered before the worker so it listens first.
/// </remarks>
/// <param name="service">What the dispatchers run on: the Azure Storage service, or a pass-through around it (benchmarks measure with one).</param>
/// <param name="storage">The Azure Storage service, for the client API (queries, purges) and for creating the hub.</param>
/// <param name="endpoint">Where the sidecar listens, for the worker and the client on this process.</param>
/// <param name="loggerFactory">Logs the sidecar's gRPC service.</param>
internal sealed class TaskHubSidecar(IOrchestrationService service, AzureStorageOrchestrationService storage, SidecarEndpoint endpoint, ILoggerFactory loggerFactory) : IHostedService, IAsyncDisposable
{
    private readonly StartStopGuard _service = new(service);
    private WebApplication? _server;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        // Queues, tables and containers of the hub; idempotent, and the only setup a new storage account needs.
        await storage.CreateIfNotExistsAsync().ConfigureAwait(false);

        // The slim builder reads the app's own settings too (the host takes them when it is built, so they are given as
        // arguments): without these it would warn that it ignores the app's Urls and announce a second "Now listening
        // on" and "Application started", which read like the API's.
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = ["--urls=", "--suppressStatusMessages=true"] });
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, endpoint.Port, listen => listen.Protocols = HttpProtocols.Http2));
        builder.Services.Configure<ConsoleLifetimeOptions>(options => options.SuppressStatusMessages = true);
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(loggerFactory);
        builder.Services.AddGrpc();
        builder.Services.AddSingleton<IOrchestrationService>(_service);
        builder.Services.AddSingleton<IOrchestrationServiceClient>(storage);
        builder.Services.AddSingleton<TaskHubGrpcServer>();
        _server = builder.Build();
        _server.MapGrpcService<TaskHubGrpcServer>();
        await _server.StartAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_server is null)
        {
            return;
        }

        // Stopping the server makes the sidecar stop its dispatchers and then the orchestration service, which releases
        // this worker's partition leases; it does so on its own, unawaitable, so the service is not stopped here too
        // (see StartStopGuard). The host's shutdown timeout bounds the rest.
        await _server.StopAsync(cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync().ConfigureAwait(false);
        }
    }
}

/// <summary>Where the in-process sidecar listens: a loopback port fixed before any service is built.</summary>
internal sealed record SidecarEndpoint(int Port)
{
    public Uri Address => new($"http://127.0.0.1:{Port}");
}
