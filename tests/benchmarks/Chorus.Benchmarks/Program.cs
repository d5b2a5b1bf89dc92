using Chorus.Benchmarks;

IBenchmark[] benchmarks =
[

    // Each benchmark registers itself here, one line each.
    new Chorus.Benchmarks.Sentiment.VaderBenchmark(),
    new Chorus.Benchmarks.Mentions.MentionsBenchmark(),
    new Chorus.Benchmarks.Engine.EngineBenchmark(),
    new Chorus.Benchmarks.Posts.PostsBenchmark(),
    new Chorus.Benchmarks.Api.ApiBenchmark(),
    new Chorus.Benchmarks.RealityCheck.RealityCheckBenchmark(),
    new Chorus.Benchmarks.Alerts.AlertsBenchmark(),
    new Chorus.Benchmarks.Dashboard.DashboardBenchmark(),
];

string? name = args.FirstOrDefault();
IBenchmark? benchmark = benchmarks.FirstOrDefault(b => string.Equals(b.Name, name, StringComparison.OrdinalIgnoreCase));
if (benchmark is null)
{
    Console.Error.WriteLine($"usage: tests/benchmarks/run NAME   (NAME: {string.Join(", ", benchmarks.Select(b => b.Name))})");
    return 2;
}

using CancellationTokenSource cts = new(TimeSpan.FromMinutes(20));
await benchmark.RunAsync(args[1..], Console.Out, cts.Token);
return 0;
