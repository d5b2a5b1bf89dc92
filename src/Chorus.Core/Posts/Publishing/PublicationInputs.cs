namespace Chorus.Posts.Publishing;

/// <summary>Input of <see cref="PublishPostActivity"/>: the post and the channel's target.</summary>
public sealed record PublishInput(PostSubmission Post, PublicationTarget Target);

/// <summary>Input of <see cref="RecordPublicationsActivity"/>: the post and what became of it on each channel.</summary>
public sealed record PublicationsInput(PostSubmission Post, IReadOnlyList<Publication> Publications);
