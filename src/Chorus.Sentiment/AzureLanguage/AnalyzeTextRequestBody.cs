using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Chorus.Sentiment.AzureLanguage;

/// <summary>
/// Writes <c>{"kind":"SentimentAnalysis","parameters":{"opinionMining":...},"analysisInput":{"documents":[...]}}</c>.
/// Documents are serialized one by one and spliced in raw, so a body's size is known exactly before it exists:
/// envelope + payloads + one comma between each pair.
/// </summary>
internal static class AnalyzeTextRequestBody
{
    // Relaxed escaping writes non-ASCII text as plain UTF-8 instead of \uXXXX (6 bytes per character), so the
    // 1 MB budget is spent on text rather than escapes. The body goes to an HTTP API and is never embedded in
    // HTML, which is the only thing the default encoder's extra escaping protects.
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Serializes one document entry of <c>analysisInput.documents</c>.</summary>
    public static ReadOnlyMemory<byte> SerializeDocument(string id, string language, string text)
    {
        var buffer = new ArrayBufferWriter<byte>(text.Length + id.Length + 48);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteString("id", id);
            writer.WriteString("language", language);
            writer.WriteString("text", text);
            writer.WriteEndObject();
        }

        return buffer.WrittenMemory;
    }

    /// <summary>The size of a body with no documents: everything but the payloads and their separating commas.</summary>
    public static int EnvelopeLength(bool opinionMining) => Compose(opinionMining, []).Length;

    /// <summary>The size of a body holding payloads totalling <paramref name="payloadBytes"/> over <paramref name="count"/> documents.</summary>
    public static long BodyLength(int envelopeLength, int count, long payloadBytes) =>
        envelopeLength + payloadBytes + Math.Max(0, count - 1);

    /// <summary>Writes the request body around already-serialized document payloads.</summary>
    public static byte[] Compose(bool opinionMining, IEnumerable<ReadOnlyMemory<byte>> payloads)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteString("kind", "SentimentAnalysis");
            writer.WriteStartObject("parameters");
            writer.WriteBoolean("opinionMining", opinionMining);
            writer.WriteEndObject();
            writer.WriteStartObject("analysisInput");
            writer.WriteStartArray("documents");
            foreach (ReadOnlyMemory<byte> payload in payloads)
            {
                // Payloads come from SerializeDocument, so re-validating megabytes of JSON would be wasted work.
                writer.WriteRawValue(payload.Span, skipInputValidation: true);
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }
}
