namespace Chorus.Mentions.Topics;

/// <summary>
/// One topic of a text: <paramref name="Key"/> is what texts in the same language share when they talk about the same
/// thing (the language, then the stem or two stems: <c>en:invoic</c>, <c>en:invoic export</c>), <paramref name="Written"/>
/// the words as this text wrote them, at <paramref name="Start"/> for <paramref name="Length"/> UTF-16 code units.
/// </summary>
internal readonly record struct Topic(string Key, string Written, int Start, int Length)
{
    /// <summary>Gets a value indicating whether the topic is a two-word phrase.</summary>
    public bool IsPhrase => Key.Contains(' ', StringComparison.Ordinal);
}
