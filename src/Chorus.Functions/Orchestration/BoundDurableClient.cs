using Microsoft.DurableTask.Client;

namespace Chorus.Functions.Orchestration;

/// <summary>
/// The <see cref="DurableTaskClient"/> that functions receive through <c>[DurableClient]</c>, handed to the shared
/// services. Durable offers the client only as a binding, not as a service, while the shared handlers, approval
/// subjects and the mention intake take an <c>OrchestrationClient</c> from dependency injection (a singleton, as in the
/// self-host). So every function that may reach one binds <c>[DurableClient]</c> and calls <see cref="Use"/> first;
/// the singleton <see cref="DurableOrchestrationClientAdapter"/> reads the client from here. The extension caches one
/// client per task hub and connection (FunctionsDurableClientProvider), so the value is the same on every call.
/// </summary>
internal sealed class BoundDurableClient
{
    private DurableTaskClient? _client;

    /// <summary>Gets the bound client.</summary>
    /// <exception cref="InvalidOperationException">No function with a <c>[DurableClient]</c> parameter has run yet.</exception>
    public DurableTaskClient Client => Volatile.Read(ref _client)
        ?? throw new InvalidOperationException("No Durable client is bound yet: the function that reached the orchestration client must take a [DurableClient] DurableTaskClient parameter and pass it to BoundDurableClient.Use.");

    /// <summary>Records the client bound to the current invocation.</summary>
    public void Use(DurableTaskClient client)
    {
        ArgumentNullException.ThrowIfNull(client);
        Volatile.Write(ref _client, client);
    }
}
