namespace Chorus.Infrastructure.Mentions;

/// <summary>What <see cref="MentionCollector{TKey}.Add"/> did with an item, which tells a newest-first connector when to stop paging.</summary>
internal enum Admission
{
    /// <summary>The item is new.</summary>
    Added,

    /// <summary>An item with the same source id was already collected in this poll.</summary>
    Duplicate,

    /// <summary>The item is at or before the cursor: an earlier poll handed it over.</summary>
    AtOrBeforeCursor,
}
