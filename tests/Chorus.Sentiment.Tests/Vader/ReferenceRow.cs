using System.Text.Json;
using System.Text.Json.Serialization;

namespace Chorus.Sentiment.Tests.Vader;

/// <summary>One line of a reference file: a text and the figures vaderSentiment 3.3.x gave it.</summary>
internal sealed record ReferenceRow(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("text")] string Text,
    [property: JsonPropertyName("neg")] double Neg,
    [property: JsonPropertyName("neu")] double Neu,
    [property: JsonPropertyName("pos")] double Pos,
    [property: JsonPropertyName("compound")] double Compound)
{
    /// <summary>Reads a JSONL reference file copied next to the tests.</summary>
    public static IReadOnlyList<ReferenceRow> Load(string fileName)
    {
        string path = Path.Combine(AppContext.BaseDirectory, "Vader", "Data", fileName);
        List<ReferenceRow> rows = [];
        foreach (string line in File.ReadLines(path))
        {
            if (line.Length > 0)
            {
                rows.Add(JsonSerializer.Deserialize<ReferenceRow>(line) ?? throw new InvalidDataException($"{fileName}: null row"));
            }
        }

        return rows;
    }
}
