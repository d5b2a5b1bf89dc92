namespace Chorus.Listing;

/// <summary>One page read from an index: the items, and where the next page starts when there is one.</summary>
public sealed record ListSlice<T>(IReadOnlyList<T> Items, ListPosition? Next);
