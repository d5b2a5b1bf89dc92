using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Chorus.Infrastructure.Tests;

/// <summary>
/// Runs what an <c>Add…</c> extension registered, without a container: this project has no DI container package,
/// and the options pipeline (bind, then every validator) is plain objects that can be assembled by hand.
/// </summary>
internal static class RegisteredServices
{
    /// <summary>Creates the options as the host does at start: every registered configure step, then every validator.</summary>
    /// <exception cref="OptionsValidationException">A validator failed.</exception>
    public static TOptions CreateOptions<TOptions>(this IServiceCollection services)
        where TOptions : class
    {
        OptionsFactory<TOptions> factory = new(
            Instances<IConfigureOptions<TOptions>>(services),
            Instances<IPostConfigureOptions<TOptions>>(services),
            Instances<IValidateOptions<TOptions>>(services));
        return factory.Create(Options.DefaultName);
    }

    /// <summary>Builds the one registered singleton of <typeparamref name="TService"/> from its factory.</summary>
    public static TService CreateSingleton<TService>(this IServiceCollection services, IReadOnlyDictionary<Type, object> dependencies)
    {
        ServiceDescriptor descriptor = Assert.Single(services, d => d.ServiceType == typeof(TService));
        Assert.Equal(ServiceLifetime.Singleton, descriptor.Lifetime);
        Assert.NotNull(descriptor.ImplementationFactory);
        return Assert.IsAssignableFrom<TService>(descriptor.ImplementationFactory(new Dependencies(dependencies)));
    }

    private static List<T> Instances<T>(IServiceCollection services) =>
        [.. services.Where(d => d.ServiceType == typeof(T)).Select(d => (T)(d.ImplementationInstance ?? throw new InvalidOperationException($"{d} is not an instance registration.")))];

    private sealed class Dependencies(IReadOnlyDictionary<Type, object> services) : IServiceProvider
    {
        public object? GetService(Type serviceType) => services.GetValueOrDefault(serviceType);
    }
}
