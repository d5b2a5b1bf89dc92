using System.Globalization;
using System.Text;
using Chorus.Artefacts;

namespace Chorus.Mail;

/// <summary>
/// Sends an email and keeps it as its <c>.eml</c> artefact, once, even when two runs of the same activity overlap: a
/// crash can leave an activity message to be delivered again while a re-run of its orchestration turn schedules it
/// anew, and both runs would otherwise find no <c>.eml</c> and send. The sender first claims the email with a
/// write-once marker; a run that finds the claim taken waits for the <c>.eml</c>, and takes over with a new claim only
/// when the first claimant has gone quiet (it died between claiming and keeping the mail).
/// </summary>
public sealed class KeptMail(IMailer mailer, IArtefactStore artefacts, TimeProvider time)
{
    /// <summary>How long a claimant has to send and keep the mail before another run may take over.</summary>
    public static readonly TimeSpan ClaimLifetime = TimeSpan.FromSeconds(30);

    private const int MaxClaims = 5;

    /// <summary>Sends <paramref name="compose"/>'s message unless it is already kept at <paramref name="eml"/>; true when this call sent it.</summary>
    public async Task<bool> SendOnceAsync(ArtefactPath eml, Func<MailMessage> compose, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(eml);
        ArgumentNullException.ThrowIfNull(compose);
        string[] segments = eml.Value.Split('/');
        for (int generation = 0; generation < MaxClaims; generation++)
        {
            if (await artefacts.ReadAsync(eml, cancellationToken).ConfigureAwait(false) is not null)
            {
                return false;
            }

            ArtefactPath claim = ArtefactPath.Of([.. segments[..^1], $"{segments[^1]}.claim{generation}"]);
            byte[] stamp = Encoding.UTF8.GetBytes(time.GetUtcNow().ToString("O", CultureInfo.InvariantCulture));
            if (await artefacts.WriteOnceAsync(claim, stamp, "text/plain", cancellationToken).ConfigureAwait(false))
            {
                byte[] sent = await mailer.SendAsync(compose(), cancellationToken).ConfigureAwait(false);
                await artefacts.WriteOnceAsync(eml, sent, "message/rfc822", cancellationToken).ConfigureAwait(false);
                return true;
            }

            byte[]? held = await artefacts.ReadAsync(claim, cancellationToken).ConfigureAwait(false);
            DateTimeOffset claimedAt = held is not null && DateTimeOffset.TryParse(Encoding.UTF8.GetString(held), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out DateTimeOffset at)
                ? at
                : time.GetUtcNow();
            while (time.GetUtcNow() - claimedAt < ClaimLifetime)
            {
                if (await artefacts.ReadAsync(eml, cancellationToken).ConfigureAwait(false) is not null)
                {
                    return false;
                }

                await Task.Delay(TimeSpan.FromMilliseconds(250), time, cancellationToken).ConfigureAwait(false);
            }
        }

        throw new InvalidOperationException($"{MaxClaims} runs claimed the email '{eml.Value}' and none kept it; the activity is retried.");
    }
}
