namespace Chorus.Posts.Policy;

/// <summary>How much a finding matters: info is advice, warn needs a human, block rejects the post.</summary>
public enum FindingSeverity
{
    /// <summary>Advice only.</summary>
    Info,

    /// <summary>A human approver must look.</summary>
    Warn,

    /// <summary>The post is rejected; the author is told why.</summary>
    Block,
}
