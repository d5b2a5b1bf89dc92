namespace Chorus.Mail;

/// <summary>A PNG shown in an email's HTML body as <c>&lt;img src="cid:{ContentId}"&gt;</c>, sent as an inline part.</summary>
public sealed record MailImage(string ContentId, string FileName, ReadOnlyMemory<byte> Png);
