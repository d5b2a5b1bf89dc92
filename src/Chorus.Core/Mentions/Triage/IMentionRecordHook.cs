namespace Chorus.Mentions.Triage;

/// <summary>
/// Something kept up to date from every mention <see cref="MentionRecorder"/> records (the alert counters, say). It is
/// told of each recording, first or repeated, after the artefacts and the list index are written, so it must count a
/// mention seen twice once; a failure fails the recording, which is retried.
/// </summary>
public interface IMentionRecordHook
{
    /// <summary>Takes in recorded mentions.</summary>
    Task RecordedAsync(IReadOnlyList<MentionTriageInput> inputs, CancellationToken cancellationToken);
}
