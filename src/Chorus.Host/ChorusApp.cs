using Chorus.Approvals;
using Chorus.Durable;
using Chorus.Host.Alerts;
using Chorus.Host.Api;
using Chorus.Host.Api.Reference;
using Chorus.Host.Approvals;
using Chorus.Host.Dashboard;
using Chorus.Host.Durable;
using Chorus.Host.Health;
using Chorus.Host.Hosting;
using Chorus.Host.Mentions;
using Chorus.Host.Posts;
using Chorus.Host.Telemetry;
using Chorus.Infrastructure.Alerts;
using Chorus.Infrastructure.Approvals;
using Chorus.Infrastructure.Artefacts;
using Chorus.Infrastructure.Lists;
using Chorus.Infrastructure.Mail;
using Chorus.Infrastructure.Mentions;
using Chorus.Infrastructure.Publishing;
using Chorus.Infrastructure.Topics;
using Chorus.Mentions.Alerts;
using Chorus.Mentions.Triage;
using Chorus.Posts;
using Chorus.Posts.Policy;
using Chorus.Posts.Review;
using Chorus.Sentiment;
using Chorus.Telemetry;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Chorus.Host;

/// <summary>
/// The self-host's composition: every service and route. Tests build the same app with their own configuration and
/// clock, so what they exercise is what runs.
/// </summary>
public static class ChorusApp
{
    /// <summary>
    /// The self-host: every Chorus service, the Durable Task worker and client on DTFx's Azure Storage backend, the
    /// mention monitor's and alerts' loops, and telemetry; with <c>SelfHost:RunsWork=false</c>, the web alone
    /// (<see cref="SelfHostOptions.RunsWork"/>).
    /// </summary>
    public static WebApplicationBuilder AddChorus(this WebApplicationBuilder builder)
    {
        bool runsWork = SelfHostOptions.ReadRunsWork(builder.Configuration);
        builder.Services.AddOptions<SelfHostOptions>().Bind(builder.Configuration.GetSection(SelfHostOptions.SectionName)).ValidateOnStart();
        builder.Services.AddChorusDurableTask(builder.Configuration, runsWork: runsWork);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.AddServerHeader = false);

        // Work in flight survives a stop (activities run again after a restart), so a stop need not wait for it; the
        // Durable Task sidecar alone would wait up to an hour for outstanding work items.
        builder.Services.Configure<HostOptions>(options => options.ShutdownTimeout = TimeSpan.FromSeconds(15));
        builder.Services.AddChorusServices(builder.Configuration);
        if (runsWork)
        {
            builder.Services.AddHostedService<MentionMonitorLoop>();
            builder.Services.AddHostedService<AlertLoop>();
        }

        builder.Services.AddChorusDashboard(builder.Configuration);
        builder.AddChorusTelemetry();
        return builder;
    }

    /// <summary>
    /// Every Chorus service both hosts share, from configuration (validated when the host starts). The host adds the
    /// Durable Task worker and client: DTFx's Azure Storage backend here, the Durable extension in the Azure Functions app.
    /// </summary>
    public static IServiceCollection AddChorusServices(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddProblemDetails();
        services.ConfigureHttpJsonOptions(options => DurableJson.ApplyTo(options.SerializerOptions));
        services.TryAddSingleton(TimeProvider.System);
        services.AddChorusSentiment(configuration);
        services.AddPostPolicy(configuration);
        services.AddApprovalLinks(configuration);
        services.AddBlobArtefacts(configuration);
        services.AddTableLists();
        services.AddTableTopicIndex();
        services.AddSmtpMail(configuration);
        services.AddSingleton<Chorus.Mail.KeptMail>();
        services.AddSingleton<IApprovalLedger>(sp => new BlobApprovalLedger(sp.GetRequiredService<ArtefactContainer>().Client));
        services.AddChorusApiAuthentication(configuration);
        services.AddChorusApiRateLimiting(configuration);
        services.AddChorusApiReference();
        services.AddOptions<PostApiOptions>().Bind(configuration.GetSection(PostApiOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<ReviewOptions>().Bind(configuration.GetSection(ReviewOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<PostAudit>();
        services.AddSingleton<ChorusMetrics>();

        // Whatever takes a DurableTaskClient (the approval subjects, MentionIntake, MentionMonitor over it) is scoped:
        // the self-host's client is a singleton, but the Azure Functions app only has the one its [DurableClient]
        // binding gives each invocation, and a singleton would keep the first it saw.
        services.AddScoped<IApprovalSubject, PostApprovalSubject>();
        services.AddScoped<ApprovalDecisions>();
        services.AddScoped<PostIntake>();
        services.AddScoped<MentionReplies>();
        services.AddOptions<TriageOptions>().Bind(configuration.GetSection(TriageOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddMentionSources(configuration);
        services.AddPublishing(configuration);
        services.AddSingleton<MentionRecorder>();
        services.AddSingleton<MentionAudit>();
        services.AddScoped<MentionIntake>();
        services.AddSingleton<MentionCursorStore>();
        services.AddSingleton<SourceStatusReader>();
        services.AddOptions<MentionDigestOptions>().Bind(configuration.GetSection(MentionDigestOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<MentionDigestOptions>, MentionDigestOptionsValidator>());
        services.AddSingleton<MentionDigest>();
        services.AddScoped<MentionMonitor>();
        services.AddScoped<IApprovalSubject, MentionApprovalSubject>();
        services.AddMentionAlerts(configuration);
        services.AddTableAlerts();
        services.AddChorusHealthChecks();
        return services;
    }

    /// <summary>Maps every route: the API under /api, approval pages under /approvals, the dashboard under /dashboard, /healthz and /readyz.</summary>
    public static WebApplication MapChorus(this WebApplication app)
    {
        app.UseChorusSecurityHeaders();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseChorusDashboard();

        // Routing after the dashboard's error pages, so a request they re-execute is routed to the error page.
        app.UseRouting();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();
        app.MapPostEndpoints();
        app.MapApprovalEndpoints();
        app.MapMentionEndpoints();
        app.MapAlertEndpoints();
        app.MapChorusApiReference();
        app.MapChorusDashboard();
        if (app.Configuration.GetValue<bool>("Samples:Enabled"))
        {
            app.MapGet("/samples/mentions.xml", () => Results.File(Path.Combine(AppContext.BaseDirectory, "LocalDevelopment", "sample-mentions.xml"), "application/rss+xml"))
                .ExcludeFromDescription();
        }

        app.MapHealthEndpoints();
        return app;
    }
}
