namespace Chorus.Host.Api;

/// <summary>
/// One page of a list: its items, how many items the whole list holds for the filters given, and the link to the next
/// page (the same filters and page size, with a <c>cursor</c>), or null on the last page.
/// </summary>
public sealed record ListPage<T>(IReadOnlyList<T> Items, long Total, string? Next);
