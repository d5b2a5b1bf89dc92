using Chorus.Mail;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Chorus.Infrastructure.Mail;

/// <summary>Registers the SMTP mailer.</summary>
public static class MailServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="IMailer"/> as a singleton sending through the server in the <c>Mail</c> section. The
    /// options are validated when the host starts, so a missing host stops start-up with a message naming the
    /// setting instead of failing the first send.
    /// </summary>
    public static IServiceCollection AddSmtpMail(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        services.AddOptions<SmtpOptions>()
            .Bind(configuration.GetSection(SmtpOptions.SectionName))
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SmtpOptions>>(new SmtpOptionsValidator()));
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IMailer>(sp => new SmtpMailer(sp.GetRequiredService<IOptions<SmtpOptions>>().Value, sp.GetRequiredService<TimeProvider>()));
        return services;
    }
}
