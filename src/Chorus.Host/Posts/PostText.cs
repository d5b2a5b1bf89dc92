namespace Chorus.Host.Posts;

/// <summary>
/// The rule for a post's text, wherever it is written (the post API, a reply on a mention's Respond page, the reply
/// API): not blank, within <see cref="PostApiOptions.MaxTextLength"/>, and well-formed Unicode.
/// </summary>
internal static class PostText
{
    /// <summary>What is wrong with <paramref name="text"/>, in words for its writer, or null when it may be submitted.</summary>
    public static string? Problem(string? text, int maxLength)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return "The text is empty.";
        }

        if (text.Length > maxLength)
        {
            return $"The text has {text.Length:N0} characters; the most accepted is {maxLength:N0}.";
        }

        // Form fields decode invalid UTF-8 to U+FFFD, but a lone surrogate can still arrive; it cannot be stored as UTF-8.
        return System.Text.Unicode.Utf8.FromUtf16(text, new byte[text.Length * 3], out _, out _, replaceInvalidSequences: false) == System.Buffers.OperationStatus.Done
            ? null
            : "The text has a character that is not valid Unicode (a lone surrogate).";
    }
}
