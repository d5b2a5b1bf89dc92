namespace Chorus.Mail;

/// <summary>What an activity that mails people did: whom it mailed now, and whom an earlier attempt had already mailed.</summary>
/// <remarks>Activities run at least once; a retry finds the kept .eml and does not send again.</remarks>
public sealed record MailDelivery(IReadOnlyList<string> Sent, IReadOnlyList<string> AlreadySent);
