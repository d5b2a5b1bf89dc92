using System.Diagnostics;
using System.Globalization;
using Chorus.Host;
using Chorus.LocalComponents;
using Chorus.Mentions;
using Chorus.Mentions.Topics;
using Chorus.Mentions.Triage;
using Chorus.Posts;
using Chorus.Posts.Policy;
using Chorus.Sentiment;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Chorus.Benchmarks.RealityCheck;

/// <summary>
/// The reality check as a post's check meets it, over a window holding 100,000 mentions: they are scored with VADER and
/// recorded into the real topic index (<see cref="MentionTopics"/>, the Table index on in-memory Azurite, a thousand at
/// a time as the intake does), then varied posts are scored (not timed, as <c>ScorePostActivity</c> runs before the
/// checks) and each is timed through <see cref="ComplaintLookup.AttachAsync"/> and <see cref="PolicyEvaluator.Evaluate"/>
/// (every policy check, the reality check among them), as <c>CheckPostActivity</c> and <c>/api/posts/check</c> do.
/// </summary>
/// <remarks>
/// Arguments are <c>Key=Value</c> overrides: <c>Bench:Mentions</c> (100000), <c>Bench:Posts</c> (2000), or any setting.
/// Three phases: cold (a fresh process's first check, which reads the window's 48 hourly partitions), warm (the same
/// process, its hours cached), and warm while another task keeps recording new negative mentions into the current hour
/// (each write updates this process's cached hour).
/// </remarks>
internal sealed class RealityCheckBenchmark : IBenchmark
{
    private static readonly string[] Things =
    [
        "invoicing", "invoices", "dashboard", "dashboards", "export", "exports", "login", "logins", "billing", "checkout",
        "search", "notifications", "alerts", "reports", "reporting", "calendar", "sync", "upload", "uploads", "download",
        "password", "reset", "onboarding", "pricing", "plans", "refunds", "refund", "support", "tickets", "chat", "inbox",
        "mobile app", "android app", "iphone app", "web app", "api", "webhooks", "integrations", "slack integration",
        "sso", "permissions", "roles", "teams", "workspace", "projects", "tasks", "comments", "attachments", "editor",
        "templates", "themes", "dark mode", "analytics", "charts", "filters", "tags", "labels", "archive", "backup",
        "restore", "import", "csv export", "pdf export", "emails", "newsletter", "receipts", "taxes", "vat", "currency",
        "payments", "payment page", "card payments", "subscriptions", "trial", "upgrade", "downgrade", "cancellation",
        "account deletion", "privacy settings", "two factor", "security", "audit log", "admin panel", "user list",
        "invites", "sharing", "links", "previews", "performance", "loading", "latency", "uptime", "status page",
        "documentation", "tutorials", "release notes", "roadmap", "feedback form", "survey", "delivery", "shipping",
        "tracking", "returns", "warranty", "hardware", "firmware", "printer", "scanner", "headset", "camera", "battery",
    ];

    private static readonly string[] Complaints =
    [
        "The {0} is broken again and {1} keeps failing. Terrible.",
        "Worst {0} ever, and the {1} is awful too",
        "{0} crashed twice today. I hate this, fix the {1}",
        "Why is {0} so slow? Really bad experience with {1}",
        "Still waiting on {0}, support ignored me about {1}. Disappointed.",
        "{0} lost my data. Horrible. {1} is useless",
    ];

    private static readonly string[] Others =
    [
        "Loving the new {0}, great work on {1}!",
        "How do I set up {0} with {1}?",
        "{0} and {1} look fine today.",
        "Anyone tried {0} yet? Curious about {1}.",
    ];

    private static readonly string[] PostTemplates =
    [
        "So proud of our {0} and the new {1}: it is brilliant!",
        "Great news: {0} just got faster, and we love the {1}.",
        "Our team shipped a better {0} this week. Happy customers, happy us!",
        "Join us on Thursday to talk about {0} and {1}.",
        "Excited to share what we learned building {0}. Thanks to everyone who helped with {1}!",

        // Posts that praise nothing: their check reads no index at all.
        "The office is closed on Monday; the {0} team is at a conference about {1}.",
        "We are sorry about the {0} outage yesterday; {1} was down too.",
    ];

    public string Name => "reality-check";

    public async Task RunAsync(string[] args, TextWriter output, CancellationToken cancellationToken)
    {
        Dictionary<string, string?> overrides = Overrides.Parse(args);
        output.WriteLine($"machine.load_average: {MachineLoad.Describe()} (1, 5, 15 min; before the run)");
        await using AzuriteServer azurite = await AzuriteServer.StartAsync(cancellationToken);
        IConfiguration configuration = Configuration(azurite.ConnectionString, overrides);
        int mentions = configuration.GetValue("Bench:Mentions", 100_000);
        int posts = configuration.GetValue("Bench:Posts", 2_000);
        DateTimeOffset now = DateTimeOffset.UtcNow;
        Random random = new(42);

        // Seed: the window full of mentions, recorded the way MentionRecorder records them (without their blobs).
        (int negative, TimeSpan seeding) = await SeedAsync(configuration, mentions, now, random, cancellationToken);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"policy.reality_check.mentions_in_window: {mentions} mentions ({negative} negative)"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"policy.reality_check.seed_mentions_per_s: {mentions / seeding.TotalSeconds:0.#} mentions/s"));

        (PostDraft Draft, DocumentSentiment? Sentiment)[] drafts = await DraftsAsync(configuration, posts, random, cancellationToken);

        // A fresh process: nothing cached.
        await using ServiceProvider services = Services(configuration);
        ComplaintLookup lookup = services.GetRequiredService<ComplaintLookup>();
        PolicyEvaluator evaluator = services.GetRequiredService<PolicyEvaluator>();
        (PostDraft Draft, DocumentSentiment? Sentiment) praising = drafts.First(d => d.Draft.Text.StartsWith("So proud", StringComparison.Ordinal));
        Stopwatch cold = Stopwatch.StartNew();
        PolicyReport first = evaluator.Evaluate(await lookup.AttachAsync(praising.Draft, praising.Sentiment, cancellationToken), praising.Sentiment);
        cold.Stop();
        Figures.Report(output, "policy.reality_check.cold_ms", cold.Elapsed.TotalMilliseconds, "ms");

        (double[] warm, int flagged) = await TimeAsync(lookup, evaluator, drafts, cancellationToken);
        Report(output, "policy.reality_check", warm);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"policy.reality_check.flagged: {flagged} of {drafts.Length} posts"));
        if (flagged == 0 || !first.Findings.Any(f => f.Rule == PolicyRules.RealityCheck))
        {
            throw new InvalidOperationException("No post was flagged: the benchmark would be timing an empty index.");
        }

        // While new complaints keep arriving in the current hour (this process records them, so its cache takes them in).
        using CancellationTokenSource stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        MentionTopics topics = services.GetRequiredService<MentionTopics>();
        ISentimentAnalyzer analyzer = services.GetRequiredService<ISentimentAnalyzer>();
        int written = 0;
        Task writer = Task.Run(async () =>
        {
            Random writes = new(7);
            while (!stop.IsCancellationRequested)
            {
                List<Mention> batch = [.. Enumerable.Range(0, 50).Select(_ => Generate(writes, Complaints, $"live-{written++}", DateTimeOffset.UtcNow))];
                await topics.RecordAsync(await ScoreAsync(analyzer, batch, CancellationToken.None), CancellationToken.None);
            }
        }, CancellationToken.None);
        (double[] busy, _) = await TimeAsync(lookup, evaluator, drafts, cancellationToken);
        await stop.CancelAsync();
        await writer;
        Report(output, "policy.reality_check.while_recording", busy);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"policy.reality_check.recorded_meanwhile: {written} mentions"));
    }

    private static void Report(TextWriter output, string metric, double[] samples)
    {
        Array.Sort(samples);
        Figures.Report(output, metric + ".p50_ms", Figures.Percentile(samples, 0.50), "ms");
        Figures.Report(output, metric + ".p99_ms", Figures.Percentile(samples, 0.99), "ms");
        Figures.Report(output, metric + ".max_ms", samples[^1], "ms");
    }

    private static async Task<(double[] Samples, int Flagged)> TimeAsync(ComplaintLookup lookup, PolicyEvaluator evaluator, (PostDraft Draft, DocumentSentiment? Sentiment)[] drafts, CancellationToken cancellationToken)
    {
        double[] samples = new double[drafts.Length];
        int flagged = 0;
        for (int i = 0; i < drafts.Length; i++)
        {
            long start = Stopwatch.GetTimestamp();
            PolicyReport report = evaluator.Evaluate(await lookup.AttachAsync(drafts[i].Draft, drafts[i].Sentiment, cancellationToken), drafts[i].Sentiment);
            samples[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            flagged += report.Findings.Any(f => f.Rule == PolicyRules.RealityCheck) ? 1 : 0;
        }

        return (samples, flagged);
    }

    private static async Task<(int Negative, TimeSpan Elapsed)> SeedAsync(IConfiguration configuration, int count, DateTimeOffset now, Random random, CancellationToken cancellationToken)
    {
        await using ServiceProvider services = Services(configuration);
        MentionTopics topics = services.GetRequiredService<MentionTopics>();
        ISentimentAnalyzer analyzer = services.GetRequiredService<ISentimentAnalyzer>();

        // Oldest first, spread over the window, as polls bring them in; 40 % complaints.
        TimeSpan window = TimeSpan.FromHours(47.5);
        List<Mention> all = [.. Enumerable.Range(0, count).Select(i => Generate(random, random.NextDouble() < 0.4 ? Complaints : Others, $"m{i}", now - window + (window * i / count)))];
        int negative = 0;
        Stopwatch clock = Stopwatch.StartNew();
        foreach (Mention[] batch in all.Chunk(1_000))
        {
            IReadOnlyList<MentionTriageInput> inputs = await ScoreAsync(analyzer, batch, cancellationToken);
            negative += inputs.Count(input => input.Sentiment?.Label == SentimentLabel.Negative);
            await topics.RecordAsync(inputs, cancellationToken);
        }

        return (negative, clock.Elapsed);
    }

    private static async Task<IReadOnlyList<MentionTriageInput>> ScoreAsync(ISentimentAnalyzer analyzer, IReadOnlyList<Mention> batch, CancellationToken cancellationToken)
    {
        SentimentBatchResult scores = await analyzer.AnalyzeAsync([.. batch.Select(m => new SentimentDocument(m.SourceId, m.Text, m.Language))], cancellationToken);
        MentionClassification calm = new(false, [], null);
        return [.. batch.Select((m, i) => new MentionTriageInput(m, MentionIds.For(m), scores.Documents[i].Error is null ? scores.Documents[i] : null, calm))];
    }

    private static async Task<(PostDraft, DocumentSentiment?)[]> DraftsAsync(IConfiguration configuration, int count, Random random, CancellationToken cancellationToken)
    {
        await using ServiceProvider services = Services(configuration);
        string[] texts = [.. Enumerable.Range(0, count).Select(_ => Fill(random, PostTemplates[random.Next(PostTemplates.Length)]))];
        SentimentBatchResult scores = await services.GetRequiredService<ISentimentAnalyzer>().AnalyzeAsync([.. texts.Select((t, i) => new SentimentDocument(i.ToString(CultureInfo.InvariantCulture), t))], cancellationToken);
        return [.. texts.Select((t, i) => (new PostDraft(t, [Channel.LinkedIn], []), scores.Documents[i].Error is null ? scores.Documents[i] : null))];
    }

    private static Mention Generate(Random random, string[] templates, string id, DateTimeOffset at)
    {
        string text = Fill(random, templates[random.Next(templates.Length)]);
        return new Mention("bench", id, new Uri($"https://social.example/{id}"), "@customer" + random.Next(5_000), null, null, text, "en", at, "{}");
    }

    private static string Fill(Random random, string template)
        => string.Format(CultureInfo.InvariantCulture, template, Things[random.Next(Things.Length)], Things[random.Next(Things.Length)]);

    private static IConfiguration Configuration(string connectionString, Dictionary<string, string?> overrides)
        => new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Artefacts:ConnectionString"] = connectionString,
            ["Mail:Host"] = "127.0.0.1",
        }).AddInMemoryCollection(overrides).Build();

    // The services both hosts share (ChorusApp.AddChorusServices), without a Durable worker: only the index, the
    // analyzer and the checks are used.
    private static ServiceProvider Services(IConfiguration configuration)
    {
        ServiceCollection services = new();
        services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
        services.AddSingleton(configuration);
        services.AddChorusServices(configuration);
        return services.BuildServiceProvider();
    }
}
