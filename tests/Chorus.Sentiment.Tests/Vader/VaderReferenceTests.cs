using System.Globalization;
using System.Text;
using Chorus.Sentiment.Vader;

namespace Chorus.Sentiment.Tests.Vader;

/// <summary>Every reference sentence must get exactly the reference's figures after the reference's rounding.</summary>
public sealed class VaderReferenceTests
{
    [Theory]
    [InlineData("movieReviewSnippets.jsonl", 10_605)]
    [InlineData("amazonReviewSnippets.jsonl", 3_708)]
    [InlineData("nytEditorialSnippets.jsonl", 5_190)]
    [InlineData("rule-coverage.jsonl", 121)]
    public void Every_reference_sentence_gets_the_reference_scores(string fileName, int expectedRows)
    {
        IReadOnlyList<ReferenceRow> rows = ReferenceRow.Load(fileName);
        Assert.Equal(expectedRows, rows.Count);

        List<string> mismatches = [];
        foreach (ReferenceRow row in rows)
        {
            VaderScores actual = VaderScorer.Shared.PolarityScores(row.Text).Rounded;
            if (actual.Negative != row.Neg || actual.Neutral != row.Neu || actual.Positive != row.Pos || actual.Compound != row.Compound)
            {
                mismatches.Add(string.Create(
                    CultureInfo.InvariantCulture,
                    $"{fileName} id={row.Id} text=\"{row.Text}\" expected(neg,neu,pos,compound)=({row.Neg}, {row.Neu}, {row.Pos}, {row.Compound}) actual=({actual.Negative}, {actual.Neutral}, {actual.Positive}, {actual.Compound})"));
            }
        }

        Assert.True(mismatches.Count == 0, Describe(fileName, mismatches));
    }

    private static string Describe(string fileName, List<string> mismatches)
    {
        StringBuilder message = new();
        message.Append(CultureInfo.InvariantCulture, $"{mismatches.Count} rows of {fileName} differ from the reference:");
        foreach (string mismatch in mismatches)
        {
            message.AppendLine().Append(mismatch);
        }

        return message.ToString();
    }
}
