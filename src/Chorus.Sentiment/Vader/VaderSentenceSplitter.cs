namespace Chorus.Sentiment.Vader;

/// <summary>
/// Deliberately simple sentence splitting: a sentence ends after ".", "!" or "?" when whitespace or the end of the
/// text follows, so a run such as "?!" or "..." stays with its sentence and "e.g." or "3.5" do not split. Sentences
/// are trimmed of surrounding whitespace (Python's definition, as the tokenizer uses); offsets are UTF-16 indexes.
/// Abbreviations followed by a space ("Dr. Smith") do split.
/// </summary>
internal static class VaderSentenceSplitter
{
    /// <summary>Appends the (offset, length) of each sentence of <paramref name="text"/> to <paramref name="sentences"/>.</summary>
    public static void Split(ReadOnlySpan<char> text, List<(int Offset, int Length)> sentences)
    {
        int start = 0;
        for (int i = 0; i < text.Length; i++)
        {
            if (text[i] is '.' or '!' or '?' && (i + 1 == text.Length || PythonText.IsSpace(text[i + 1])))
            {
                Add(text, start, i + 1, sentences);
                start = i + 1;
            }
        }

        Add(text, start, text.Length, sentences);
    }

    private static void Add(ReadOnlySpan<char> text, int start, int end, List<(int Offset, int Length)> sentences)
    {
        while (start < end && PythonText.IsSpace(text[start]))
        {
            start++;
        }

        while (end > start && PythonText.IsSpace(text[end - 1]))
        {
            end--;
        }

        if (end > start)
        {
            sentences.Add((start, end - start));
        }
    }
}
