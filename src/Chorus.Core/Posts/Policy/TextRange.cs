namespace Chorus.Posts.Policy;

/// <summary>A stretch of the post text, in UTF-16 code units, as <see cref="PolicyFinding"/> reports it.</summary>
internal readonly record struct TextRange(int Start, int Length)
{
    /// <summary>Gets the index just past the range.</summary>
    public int End => Start + Length;

    /// <summary>Returns whether the two ranges share at least one code unit.</summary>
    public bool Overlaps(TextRange other) => Start < other.End && other.Start < End;
}
