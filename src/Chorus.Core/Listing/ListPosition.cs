namespace Chorus.Listing;

/// <summary>
/// Where an item sits in a newest-first list: its time, then its id for items of the same instant. A page ends at one
/// of these and the next page starts strictly after it, so items added or moved meanwhile never shift what follows.
/// </summary>
public sealed record ListPosition(DateTimeOffset At, string Id);
