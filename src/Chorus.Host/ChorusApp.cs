using Chorus.Approvals;
using Chorus.Engine;
using Chorus.Host.Api;
using Chorus.Host.Approvals;
using Chorus.Host.Mentions;
using Chorus.Host.Posts;
using Chorus.Infrastructure.Mentions;
using Chorus.Mentions.Triage;
using Chorus.Infrastructure.Approvals;
using Chorus.Infrastructure.Artefacts;
using Chorus.Infrastructure.Mail;
using Chorus.Orchestration;
using Chorus.Posts;
using Chorus.Posts.Policy;
using Chorus.Posts.Review;
using Chorus.Sentiment;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Chorus.Host;

/// <summary>
/// The self-host's composition: every service and route. Tests build the same app with their own configuration and
/// clock, so what they exercise is what runs.
/// </summary>
public static class ChorusApp
{
    /// <summary>The self-host: every Chorus service, the embedded durable engine and the mention monitor's loop.</summary>
    public static WebApplicationBuilder AddChorus(this WebApplicationBuilder builder)
    {
        builder.Services.AddEmbeddedDurableEngine(builder.Configuration);
        builder.Services.AddChorusServices(builder.Configuration);
        builder.Services.AddHostedService(sp => sp.GetRequiredService<MentionMonitor>());
        return builder;
    }

    /// <summary>
    /// Every Chorus service both hosts share, from configuration (validated when the host starts). The host adds the
    /// orchestration client: the embedded engine here, Durable Functions in the Azure Functions app.
    /// </summary>
    public static IServiceCollection AddChorusServices(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddProblemDetails();
        services.TryAddSingleton(TimeProvider.System);
        services.AddChorusSentiment(configuration);
        services.AddPostPolicy(configuration);
        services.AddApprovalLinks(configuration);
        services.AddBlobArtefacts(configuration);
        services.AddSmtpMail(configuration);
        services.AddSingleton<IApprovalLedger>(sp => new BlobApprovalLedger(sp.GetRequiredService<ArtefactContainer>().Client));
        services.AddChorusApiAuthentication(configuration);
        services.AddOptions<PostApiOptions>().Bind(configuration.GetSection(PostApiOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<ReviewOptions>().Bind(configuration.GetSection(ReviewOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<PostAudit>();
        services.AddSingleton<IApprovalSubject, PostApprovalSubject>();
        services.AddOptions<TriageOptions>().Bind(configuration.GetSection(TriageOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddMentionSources(configuration);
        services.AddSingleton<MentionRecorder>();
        services.AddSingleton<MentionAudit>();
        services.AddSingleton<MentionIntake>();
        services.AddSingleton<MentionCursorStore>();
        services.AddSingleton<MentionDigest>();
        services.AddSingleton<MentionMonitor>();
        services.AddSingleton<IApprovalSubject, MentionApprovalSubject>();
        services.AddOrchestrator<PostReviewOrchestrator>()
            .AddActivity<ScorePostActivity>()
            .AddActivity<CheckPostActivity>()
            .AddActivity<PlanReviewActivity>()
            .AddActivity<RequestApprovalActivity>()
            .AddActivity<ConcludePostActivity>();
        services.AddOrchestrator<MentionTriageOrchestrator>()
            .AddActivity<RecordMentionActivity>()
            .AddActivity<RequestMentionDecisionActivity>()
            .AddActivity<ConcludeMentionActivity>();
        return services;
    }

    /// <summary>Maps every route: the API under /api, approval pages under /approvals.</summary>
    public static WebApplication MapChorus(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapPostEndpoints();
        app.MapApprovalEndpoints();
        app.MapMentionEndpoints();
        if (app.Configuration.GetValue<bool>("Samples:Enabled"))
        {
            app.MapGet("/samples/mentions.xml", () => Results.File(Path.Combine(AppContext.BaseDirectory, "LocalDevelopment", "sample-mentions.xml"), "application/rss+xml"));
        }

        app.MapGet("/healthz", async (OrchestrationClient client, CancellationToken cancellationToken) =>
        {
            // Reading a missing instance exercises the task hub end to end without changing anything.
            await client.GetInstanceAsync("healthz", cancellation: cancellationToken);
            return Results.Ok(new { status = "healthy" });
        });
        return app;
    }
}
