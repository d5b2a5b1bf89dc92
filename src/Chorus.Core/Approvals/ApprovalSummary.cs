namespace Chorus.Approvals;

/// <summary>The line the waiting approvals show for an item: the start of its text, on one line.</summary>
internal static class ApprovalSummary
{
    /// <summary>Long enough to tell items apart at a glance, short enough for a table row.</summary>
    public const int MaxLength = 140;

    /// <summary>The text's start with its whitespace runs (new lines too) made single spaces, cut with an ellipsis.</summary>
    public static string Of(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        string line = string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        if (line.Length <= MaxLength)
        {
            return line;
        }

        // Never between the two halves of a surrogate pair.
        int cut = char.IsHighSurrogate(line[MaxLength - 2]) ? MaxLength - 2 : MaxLength - 1;
        return line[..cut] + "\u2026";
    }
}
