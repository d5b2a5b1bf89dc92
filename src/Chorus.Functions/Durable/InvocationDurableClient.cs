using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;

namespace Chorus.Functions.Durable;

/// <summary>
/// The Durable client of the current function invocation, for the self-host's code, which takes a
/// <see cref="DurableTaskClient"/> from DI. A function with a <c>[DurableClient]</c> binding hands its client over with
/// <see cref="Bind"/> before it runs that code.
/// </summary>
/// <remarks>
/// Why a scoped holder: on Azure Functions the client is not a service but a binding, built by the Durable extension
/// from what the host sends with each invocation (task hub, connection, endpoint). The invocation's scope
/// (<c>FunctionContext.InstanceServices</c>, which the ASP.NET Core integration also makes the request's
/// <c>RequestServices</c>) lives exactly as long as that binding, and everything the function resolves from it, HTTP
/// handlers and the mention monitor alike, gets that client; nothing outlives the invocation or sees another's client.
/// A process-wide "last bound client" would, and an HttpContext item would reach only HTTP handlers.
/// <para>
/// A scope the invocation's own work creates gets the client too, through the invocation's async flow:
/// <c>HealthCheckService</c> runs each readiness check in a scope of its own, and the task hub check needs the client.
/// The flow's value reaches only what the binding function awaits or starts, never another invocation. The extension's
/// per-binding wrapper ignores disposal, so a second scope disposing it is harmless.
/// </para>
/// </remarks>
internal sealed class InvocationDurableClient
{
    private static readonly AsyncLocal<DurableTaskClient?> Flowing = new();
    private DurableTaskClient? _client;

    /// <summary>Gets the bound client; resolving it in a function without a <c>[DurableClient]</c> binding is a bug, said plainly.</summary>
    public DurableTaskClient Client => _client ?? Flowing.Value ?? throw new InvalidOperationException(
        "This function has no [DurableClient] binding, yet what it runs needs the Durable client: add a '[DurableClient] DurableTaskClient client' parameter and bind it (InvocationDurableClient.Bind) first.");

    /// <summary>Makes <paramref name="client"/> the Durable client of the invocation whose services are <paramref name="services"/>.</summary>
    public static void Bind(IServiceProvider services, DurableTaskClient client)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(client);
        services.GetRequiredService<InvocationDurableClient>()._client = client;
        Flowing.Value = client;
    }
}

/// <summary>Registers <see cref="InvocationDurableClient"/>.</summary>
internal static class InvocationDurableClientServiceCollectionExtensions
{
    /// <summary>Registers <see cref="DurableTaskClient"/> as the invocation's bound client (scoped).</summary>
    /// <remarks>
    /// The scope disposes what this factory returns when the invocation ends. That is the extension's per-binding wrapper
    /// (FunctionsDurableTaskClient), whose DisposeAsync leaves the shared connection alone.
    /// </remarks>
    public static IServiceCollection AddInvocationDurableClient(this IServiceCollection services)
    {
        services.AddScoped<InvocationDurableClient>();
        services.AddScoped(sp => sp.GetRequiredService<InvocationDurableClient>().Client);
        return services;
    }
}
