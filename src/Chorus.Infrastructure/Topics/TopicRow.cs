namespace Chorus.Infrastructure.Topics;

/// <summary>
/// One topic's tally in one hour as stored: the count of negative mentions, and up to three examples as the JSON kept
/// in the row (read only for topics a post asks about, so a cached hour of thousands of topics costs no parsing).
/// </summary>
internal sealed record TopicRow(long Count, string? Examples);
