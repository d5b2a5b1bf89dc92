using System.Collections.Frozen;

namespace Chorus.Orchestration;

/// <summary>The names under which orchestrators and activities are called, and the classes behind them.</summary>
public sealed class OrchestrationRegistry
{
    private readonly FrozenDictionary<string, Type> _orchestrators;
    private readonly FrozenDictionary<string, Type> _activities;

    /// <summary>Builds the registry from the registrations made with <see cref="OrchestrationServiceCollectionExtensions"/>.</summary>
    public OrchestrationRegistry(IEnumerable<OrchestrationRegistration> registrations)
    {
        List<OrchestrationRegistration> all = registrations.ToList();
        _orchestrators = Build(all.Where(r => r.Kind == OrchestrationRegistrationKind.Orchestrator));
        _activities = Build(all.Where(r => r.Kind == OrchestrationRegistrationKind.Activity));
    }

    /// <summary>Gets the registered orchestrator names.</summary>
    public IEnumerable<string> OrchestratorNames => _orchestrators.Keys;

    /// <summary>Gets the registered activity names.</summary>
    public IEnumerable<string> ActivityNames => _activities.Keys;

    /// <summary>Finds the orchestrator class registered under <paramref name="name"/>.</summary>
    public bool TryGetOrchestrator(string name, out Type type) => _orchestrators.TryGetValue(name, out type!);

    /// <summary>Finds the activity class registered under <paramref name="name"/>.</summary>
    public bool TryGetActivity(string name, out Type type) => _activities.TryGetValue(name, out type!);

    private static FrozenDictionary<string, Type> Build(IEnumerable<OrchestrationRegistration> registrations)
    {
        Dictionary<string, Type> map = new(StringComparer.OrdinalIgnoreCase);
        foreach (OrchestrationRegistration registration in registrations)
        {
            if (map.TryGetValue(registration.Name, out Type? existing) && existing != registration.Type)
            {
                throw new InvalidOperationException($"Two {registration.Kind}s are registered as '{registration.Name}': {existing.FullName} and {registration.Type.FullName}.");
            }

            map[registration.Name] = registration.Type;
        }

        return map.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);
    }
}

/// <summary>Whether a registration is an orchestrator or an activity.</summary>
public enum OrchestrationRegistrationKind
{
    /// <summary>An <see cref="IOrchestrator"/>.</summary>
    Orchestrator,

    /// <summary>An <see cref="IActivity"/>.</summary>
    Activity,
}

/// <summary>One name-to-class registration.</summary>
public sealed record OrchestrationRegistration(OrchestrationRegistrationKind Kind, string Name, Type Type);
