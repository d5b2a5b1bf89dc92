namespace Chorus.Listing;

/// <summary>One page read from an index: the items, where the next page starts when there is one, and how many items the index holds for the filters.</summary>
public sealed record ListSlice<T>(IReadOnlyList<T> Items, ListPosition? Next, long Total);
