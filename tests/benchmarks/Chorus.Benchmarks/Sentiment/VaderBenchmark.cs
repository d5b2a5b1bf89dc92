using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Chorus.Sentiment.Vader;

namespace Chorus.Benchmarks.Sentiment;

/// <summary>
/// VADER scoring speed on one thread over the 19,624 reference sentences, allocation per text, cold lexicon load
/// and, when the Python reference is available (VADER_REFERENCE_DIR), its speed on the same texts.
/// </summary>
internal sealed class VaderBenchmark : IBenchmark
{
    private static readonly string[] ReferenceFiles =
        ["movieReviewSnippets.jsonl", "amazonReviewSnippets.jsonl", "nytEditorialSnippets.jsonl", "rule-coverage.jsonl"];

    private static readonly TimeSpan WarmUp = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan Measure = TimeSpan.FromSeconds(5);

    // Scores the texts (a JSON array in argv[2]) with the reference, timing only the scoring loop.
    private const string PythonScript = """
        import json, sys, time
        sys.path.insert(0, sys.argv[1])
        from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer
        with open(sys.argv[2], encoding="utf-8") as f:
            texts = json.load(f)
        analyzer = SentimentIntensityAnalyzer()
        for t in texts[:2000]:
            analyzer.polarity_scores(t)
        scored = 0
        start = time.perf_counter()
        while True:
            for t in texts:
                analyzer.polarity_scores(t)
            scored += len(texts)
            elapsed = time.perf_counter() - start
            if elapsed >= float(sys.argv[3]):
                break
        print(json.dumps({"texts": scored, "seconds": elapsed}))
        """;

    /// <inheritdoc/>
    public string Name => "sentiment";

    /// <inheritdoc/>
    public async Task RunAsync(string[] args, TextWriter output, CancellationToken cancellationToken)
    {
        long loadStart = Stopwatch.GetTimestamp();
        VaderScorer scorer = new(VaderLexicon.Shared);
        double lexiconLoadMs = Stopwatch.GetElapsedTime(loadStart).TotalMilliseconds;

        string dataDirectory = FindDataDirectory();
        List<string> texts = LoadTexts(dataDirectory);
        double textsPerSecond = MeasureScoring(scorer, texts, out double bytesPerText);

        await output.WriteLineAsync(Metric("vader.texts_per_s", textsPerSecond, "F0", "texts/s")).ConfigureAwait(false);
        await output.WriteLineAsync(Metric("vader.bytes_allocated_per_text", bytesPerText, "F1", "bytes")).ConfigureAwait(false);
        await output.WriteLineAsync(Metric("vader.lexicon_load_ms", lexiconLoadMs, "F1", "ms")).ConfigureAwait(false);

        string? referenceDirectory = Environment.GetEnvironmentVariable("VADER_REFERENCE_DIR");
        string? skipped = referenceDirectory switch
        {
            null or "" => "VADER_REFERENCE_DIR is not set",
            _ when !File.Exists(Path.Combine(referenceDirectory, "vaderSentiment", "vaderSentiment.py")) =>
                $"VADER_REFERENCE_DIR ({referenceDirectory}) holds no vaderSentiment/vaderSentiment.py",
            _ => null,
        };
        if (skipped is null)
        {
            (double? pythonTextsPerSecond, string? failure) = await RunPythonReferenceAsync(referenceDirectory!, texts, cancellationToken).ConfigureAwait(false);
            if (pythonTextsPerSecond is { } python)
            {
                await output.WriteLineAsync(Metric("vader.python_reference.texts_per_s", python, "F0", "texts/s")).ConfigureAwait(false);
                await output.WriteLineAsync(Metric("vader.speedup", textsPerSecond / python, "F1", "x")).ConfigureAwait(false);
                return;
            }

            skipped = failure;
        }

        await output.WriteLineAsync($"(Python reference comparison skipped - {skipped})").ConfigureAwait(false);
    }

    private static double MeasureScoring(VaderScorer scorer, List<string> texts, out double bytesPerText)
    {
        double checksum = 0;
        Stopwatch warmUp = Stopwatch.StartNew();
        while (warmUp.Elapsed < WarmUp)
        {
            checksum += ScoreAll(scorer, texts);
        }

        // Single thread, no awaits inside: the allocation counter and the clock see only the scoring loop.
        long scored = 0;
        long allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        Stopwatch clock = Stopwatch.StartNew();
        while (clock.Elapsed < Measure)
        {
            checksum += ScoreAll(scorer, texts);
            scored += texts.Count;
        }

        clock.Stop();
        long allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
        GC.KeepAlive(checksum);
        bytesPerText = (double)allocated / scored;
        return scored / clock.Elapsed.TotalSeconds;
    }

    private static double ScoreAll(VaderScorer scorer, List<string> texts)
    {
        // The sum keeps the JIT from discarding the work.
        double sum = 0;
        foreach (string text in texts)
        {
            sum += scorer.PolarityScores(text).Compound;
        }

        return sum;
    }

    private static async Task<(double? TextsPerSecond, string? Failure)> RunPythonReferenceAsync(string referenceDirectory, List<string> texts, CancellationToken cancellationToken)
    {
        string textsFile = Path.GetTempFileName();
        string scriptFile = Path.ChangeExtension(Path.GetTempFileName(), ".py");
        try
        {
            await File.WriteAllTextAsync(textsFile, JsonSerializer.Serialize(texts), cancellationToken).ConfigureAwait(false);
            await File.WriteAllTextAsync(scriptFile, PythonScript, cancellationToken).ConfigureAwait(false);
            ProcessStartInfo start = new("python3")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (string argument in new[] { scriptFile, referenceDirectory, textsFile, Measure.TotalSeconds.ToString(CultureInfo.InvariantCulture) })
            {
                start.ArgumentList.Add(argument);
            }

            using Process process = Process.Start(start) ?? throw new InvalidOperationException("python3 did not start");
            Task<string> stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
            Task<string> stderr = process.StandardError.ReadToEndAsync(cancellationToken);
            await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
            if (process.ExitCode != 0)
            {
                return (null, $"python3 exited with {process.ExitCode}: {(await stderr.ConfigureAwait(false)).Trim()}");
            }

            using JsonDocument result = JsonDocument.Parse(await stdout.ConfigureAwait(false));
            double seconds = result.RootElement.GetProperty("seconds").GetDouble();
            return (result.RootElement.GetProperty("texts").GetInt64() / seconds, null);
        }
        catch (Win32Exception)
        {
            return (null, "python3 is not on the PATH");
        }
        finally
        {
            File.Delete(textsFile);
            File.Delete(scriptFile);
        }
    }

    private static List<string> LoadTexts(string dataDirectory)
    {
        List<string> texts = new(20_000);
        foreach (string file in ReferenceFiles)
        {
            foreach (string line in File.ReadLines(Path.Combine(dataDirectory, file)))
            {
                if (line.Length > 0)
                {
                    using JsonDocument row = JsonDocument.Parse(line);
                    texts.Add(row.RootElement.GetProperty("text").GetString() ?? string.Empty);
                }
            }
        }

        return texts;
    }

    private static string FindDataDirectory()
    {
        for (DirectoryInfo? directory = new(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "functions.sln")))
            {
                string shared = Path.GetFullPath(Path.Combine(directory.FullName, "..", "shared", "data", "vader"));
                string copy = Path.Combine(directory.FullName, "tests", "Chorus.Sentiment.Tests", "Vader", "Data");
                return File.Exists(Path.Combine(shared, ReferenceFiles[0])) ? shared : copy;
            }
        }

        throw new DirectoryNotFoundException($"No functions.sln above {AppContext.BaseDirectory}: cannot find the VADER reference sentences.");
    }

    private static string Metric(string name, double value, string format, string unit) =>
        $"{name}: {value.ToString(format, CultureInfo.InvariantCulture)} {unit}";
}
