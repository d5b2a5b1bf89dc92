namespace Chorus.Posts.Listing;

/// <summary>The posts submitted on one UTC day, counted by where each stands now (a status with none is absent).</summary>
public sealed record PostDay(DateOnly Day, IReadOnlyDictionary<PostStatus, long> Counts);
