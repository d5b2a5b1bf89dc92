using System.Text.Json;
using Chorus.Cli;
using Chorus.Sentiment.Vader;

namespace Chorus.Sentiment.Tests.Cli;

public sealed class ScoreCommandTests
{
    [Fact]
    public async Task Scores_good_lines_and_reports_bad_ones_in_input_order()
    {
        string input = string.Join(
            '\n',
            """{"id":"a","text":"The support team was very helpful."}""",
            """{"id":"b","text":"broken json""",
            string.Empty,
            """{"text":"no id"}""",
            """{"id":7,"text":"id is a number"}""",
            """{"id":"c","text":"The parcel arrived.","language":"en"}""",
            """["not","an","object"]""",
            """{"id":"d","text":""}""",
            """{"id":"e","text":"Bien.","language":"fr"}""",
            """{"id":"f","text":"I love it. I hate it.","language":null}""",
            """{"id":"g","text":"x","language":3}""");

        (int exitCode, List<JsonElement> lines) = await Run(input, batchSize: 2);

        Assert.Equal(ScoreCommand.Success, exitCode);
        Assert.Equal(10, lines.Count);

        AssertScored(lines[0], "a", "positive");
        Assert.Equal(0.0, lines[0].GetProperty("neg").GetDouble());
        Assert.Equal(0.408, lines[0].GetProperty("neu").GetDouble());
        Assert.Equal(0.592, lines[0].GetProperty("pos").GetDouble());
        Assert.Equal(0.6997, lines[0].GetProperty("compound").GetDouble());

        AssertLineError(lines[1], 2, "Malformed JSON");
        AssertLineError(lines[2], 4, "Missing \"id\"");
        AssertLineError(lines[3], 5, "\"id\" must be a string");
        AssertScored(lines[4], "c", "neutral");
        AssertLineError(lines[5], 7, "Expected a JSON object");
        AssertDocumentError(lines[6], 8, "d", "InvalidDocument");
        AssertDocumentError(lines[7], 9, "e", "UnsupportedLanguageCode");
        AssertScored(lines[8], "f", "mixed");
        AssertLineError(lines[9], 11, "\"language\" must be a string");
    }

    [Fact]
    public async Task A_scored_line_has_exactly_the_documented_properties()
    {
        (_, List<JsonElement> lines) = await Run("""{"id":"1","text":"Great!"}""");

        JsonElement line = Assert.Single(lines);
        Assert.Equal(["id", "label", "confidence", "neg", "neu", "pos", "compound"], line.EnumerateObject().Select(p => p.Name));
        Assert.Equal(["positive", "neutral", "negative"], line.GetProperty("confidence").EnumerateObject().Select(p => p.Name));
        double sum = line.GetProperty("confidence").EnumerateObject().Sum(p => p.Value.GetDouble());
        Assert.Equal(1.0, sum, 12);
    }

    [Fact]
    public async Task Exits_with_1_when_every_line_failed()
    {
        (int exitCode, List<JsonElement> lines) = await Run("nope\n{\"id\":\"x\",\"text\":\" \"}\n");

        Assert.Equal(ScoreCommand.AllLinesFailed, exitCode);
        Assert.Equal(2, lines.Count);
    }

    [Fact]
    public async Task Exits_with_0_on_empty_input()
    {
        (int exitCode, List<JsonElement> lines) = await Run("\n\n");

        Assert.Equal(ScoreCommand.Success, exitCode);
        Assert.Empty(lines);
    }

    [Fact]
    public async Task Keeps_order_across_many_batches()
    {
        string input = string.Join('\n', Enumerable.Range(0, 1_000).Select(i => i % 7 == 0 ? "{" : $$"""{"id":"{{i}}","text":"good {{i}}"}"""));

        (_, List<JsonElement> lines) = await Run(input, batchSize: 16);

        Assert.Equal(1_000, lines.Count);
        for (int i = 0; i < lines.Count; i++)
        {
            if (i % 7 == 0)
            {
                Assert.Equal(i + 1, lines[i].GetProperty("line").GetInt32());
            }
            else
            {
                Assert.Equal(i.ToString(System.Globalization.CultureInfo.InvariantCulture), lines[i].GetProperty("id").GetString());
            }
        }
    }

    [Fact]
    public async Task A_failing_analyzer_fails_its_batch_not_the_run()
    {
        using StringReader reader = new("{\"id\":\"1\",\"text\":\"a\"}\n{\"id\":\"2\",\"text\":\"b\"}\n");
        using StringWriter writer = new();

        int exitCode = await new ScoreCommand(new ThrowingAnalyzer()).RunAsync(reader, writer);

        Assert.Equal(ScoreCommand.AllLinesFailed, exitCode);
        string[] lines = writer.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.All(lines, line => Assert.Contains("\"code\":\"AnalyzerFailed\"", line, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Help_prints_usage_and_exits_0()
    {
        using StringWriter stdout = new();
        using StringWriter stderr = new();

        int exitCode = await Program.RunAsync(["--help"], TextReader.Null, stdout, stderr, CancellationToken.None);

        Assert.Equal(0, exitCode);
        Assert.Contains("Usage: chorus score [FILE]", stdout.ToString(), StringComparison.Ordinal);
        Assert.Contains("Exit codes", stdout.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("frobnicate")]
    [InlineData("score --verbose")]
    [InlineData("score a b")]
    public async Task Usage_errors_exit_with_2(string commandLine)
    {
        string[] args = commandLine.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        using StringWriter stdout = new();
        using StringWriter stderr = new();

        int exitCode = await Program.RunAsync(args, TextReader.Null, stdout, stderr, CancellationToken.None);

        Assert.Equal(Program.UsageError, exitCode);
        Assert.Empty(stdout.ToString());
        Assert.Contains("Usage", stderr.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_file_is_a_usage_error()
    {
        using StringWriter stdout = new();
        using StringWriter stderr = new();

        int exitCode = await Program.RunAsync(["score", Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N"))], TextReader.Null, stdout, stderr, CancellationToken.None);

        Assert.Equal(Program.UsageError, exitCode);
        Assert.Contains("cannot read", stderr.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reads_a_file_and_standard_input()
    {
        string file = Path.GetTempFileName();
        try
        {
            await File.WriteAllTextAsync(file, """{"id":"1","text":"Awful."}""" + "\n");
            using StringWriter fromFile = new();
            using StringWriter fromStdin = new();

            Assert.Equal(0, await Program.RunAsync(["score", file], TextReader.Null, fromFile, TextWriter.Null, CancellationToken.None));
            using StringReader stdin = new("""{"id":"1","text":"Awful."}""");
            Assert.Equal(0, await Program.RunAsync(["score", "-"], stdin, fromStdin, TextWriter.Null, CancellationToken.None));

            Assert.Contains("\"label\":\"negative\"", fromFile.ToString(), StringComparison.Ordinal);
            Assert.Equal(fromFile.ToString(), fromStdin.ToString());
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static async Task<(int ExitCode, List<JsonElement> Lines)> Run(string input, int batchSize = ScoreCommand.DefaultBatchSize)
    {
        using StringReader reader = new(input);
        using StringWriter writer = new();
        int exitCode = await new ScoreCommand(new VaderSentimentAnalyzer(), batchSize).RunAsync(reader, writer);
        List<JsonElement> lines = [];
        foreach (string line in writer.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            lines.Add(JsonDocument.Parse(line).RootElement.Clone());
        }

        return (exitCode, lines);
    }

    private static void AssertScored(JsonElement line, string id, string label)
    {
        Assert.Equal(id, line.GetProperty("id").GetString());
        Assert.Equal(label, line.GetProperty("label").GetString());
        Assert.False(line.TryGetProperty("error", out _));
    }

    private static void AssertLineError(JsonElement line, int number, string message)
    {
        Assert.Equal(number, line.GetProperty("line").GetInt32());
        Assert.StartsWith(message, line.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.False(line.TryGetProperty("label", out _));
    }

    private static void AssertDocumentError(JsonElement line, int number, string id, string code)
    {
        Assert.Equal(number, line.GetProperty("line").GetInt32());
        Assert.Equal(id, line.GetProperty("id").GetString());
        Assert.Equal(code, line.GetProperty("code").GetString());
        Assert.False(string.IsNullOrEmpty(line.GetProperty("error").GetString()));
    }

    private sealed class ThrowingAnalyzer : ISentimentAnalyzer
    {
        public Task<SentimentBatchResult> AnalyzeAsync(IReadOnlyList<SentimentDocument> documents, CancellationToken cancellationToken = default) =>
            throw new InvalidOperationException("service unavailable");
    }
}
