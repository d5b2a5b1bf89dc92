using System.Text;
using Chorus.Sentiment;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Chorus.Cli;

/// <summary>The <c>chorus</c> command line.</summary>
internal static class Program
{
    /// <summary>Exit code for a command line that cannot be run (unknown command, unreadable file).</summary>
    public const int UsageError = 2;

    /// <summary>The help text, also the exit-code contract.</summary>
    public const string Usage = """
        Usage: chorus score [FILE]
               chorus --help

        score   Scores the sentiment of JSON lines read from FILE, or from standard input when FILE
                is omitted or "-", and writes one JSON line per input line to standard output, in order.

        Input, one object per line (blank lines are skipped):
          {"id": "42", "text": "The support team was very helpful.", "language": "en"}
          "id" and "text" are strings; "language" is optional (VADER scores English only: omit it or use "en").

        Output for a scored line:
          {"id":"42","label":"positive","confidence":{"positive":0.5915449811089555,"neutral":0.4084550188910445,
           "negative":0},"neg":0,"neu":0.408,"pos":0.592,"compound":0.6997}
          label: positive, neutral, negative, or mixed (its sentences disagree in sign).
          neg/neu/pos/compound: VADER's own figures (compound >= 0.05 positive, <= -0.05 negative).

        Output for a line that cannot be scored (the other lines are still scored):
          {"line":7,"error":"Missing \"text\"."}
          {"line":9,"id":"x","code":"InvalidDocument","error":"Document text is empty."}

        Exit codes:
          0  at least one line was scored, or the input had no lines
          1  the input had lines and every one of them failed
          2  usage error: unknown command or option, FILE not readable, or incomplete Sentiment settings

        """;

    /// <summary>Runs the command line on the console.</summary>
    public static async Task<int> Main(string[] args)
    {
        using StreamReader stdin = new(Console.OpenStandardInput(), Encoding.UTF8);
        await using StreamWriter stdout = new(Console.OpenStandardOutput(), new UTF8Encoding(false), 64 * 1024);
        return await RunAsync(args, stdin, stdout, Console.Error, CancellationToken.None).ConfigureAwait(false);
    }

    /// <summary>Runs the command line with the given streams; the testable entry point.</summary>
    internal static async Task<int> RunAsync(string[] args, TextReader stdin, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        try
        {
            return await DispatchAsync(args, stdin, stdout, stderr, cancellationToken).ConfigureAwait(false);
        }
        catch (OptionsValidationException ex)
        {
            await stderr.WriteLineAsync($"chorus: configuration error: {string.Join(" ", ex.Failures)}").ConfigureAwait(false);
            return UsageError;
        }
    }

    private static async Task<int> DispatchAsync(string[] args, TextReader stdin, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        switch (args)
        {
            case ["--help" or "-h" or "help"] or ["score", "--help" or "-h"]:
                await stdout.WriteAsync(Usage).ConfigureAwait(false);
                await stdout.FlushAsync(cancellationToken).ConfigureAwait(false);
                return 0;
            case ["score"] or ["score", "-"]:
                return await new ScoreCommand(CreateAnalyzer()).RunAsync(stdin, stdout, cancellationToken).ConfigureAwait(false);
            case ["score", string file] when !file.StartsWith('-'):
                StreamReader reader;
                try
                {
                    reader = new StreamReader(file, Encoding.UTF8);
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
                {
                    await stderr.WriteLineAsync($"chorus: cannot read '{file}': {ex.Message}").ConfigureAwait(false);
                    return UsageError;
                }

                using (reader)
                {
                    return await new ScoreCommand(CreateAnalyzer()).RunAsync(reader, stdout, cancellationToken).ConfigureAwait(false);
                }

            case []:
                await stderr.WriteLineAsync("chorus: missing command.").ConfigureAwait(false);
                await stderr.WriteAsync(Usage).ConfigureAwait(false);
                return UsageError;
            default:
                await stderr.WriteLineAsync($"chorus: unknown command line '{string.Join(' ', args)}'.").ConfigureAwait(false);
                await stderr.WriteAsync(Usage).ConfigureAwait(false);
                return UsageError;
        }
    }

    /// <summary>
    /// The one place the analyzer is chosen: <c>Sentiment:Provider</c> from <c>appsettings.json</c> in the working
    /// folder or environment variables (<c>Sentiment__Provider=AzureLanguage</c>,
    /// <c>Sentiment__AzureLanguage__Endpoint=...</c>); VADER when nothing is set.
    /// </summary>
    /// <exception cref="OptionsValidationException">The settings are incomplete; the message names the setting.</exception>
    internal static ISentimentAnalyzer CreateAnalyzer()
    {
        IConfiguration configuration = new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(Directory.GetCurrentDirectory(), "appsettings.json"), optional: true)
            .AddEnvironmentVariables()
            .Build();
        ServiceProvider services = new ServiceCollection().AddChorusSentiment(configuration).BuildServiceProvider();
        _ = services.GetRequiredService<IOptions<SentimentOptions>>().Value;
        _ = services.GetRequiredService<IOptions<Chorus.Sentiment.AzureLanguage.AzureLanguageOptions>>().Value;
        return services.GetRequiredService<ISentimentAnalyzer>();
    }
}
