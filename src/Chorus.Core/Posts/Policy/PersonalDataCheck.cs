using Chorus.Sentiment;

namespace Chorus.Posts.Policy;

/// <summary>
/// Blocks posts that contain personal or payment data: email addresses, phone numbers, payment card numbers and
/// IBANs. Explanations say what kind of data was found without repeating it. IBANs are looked for first (letters,
/// digits and a mod-97 check make them the surest), then card numbers (a Luhn check, which one digit run in ten
/// passes by chance); a card-like run inside an IBAN, or a phone-number-like run inside either, an email address or
/// a link (an order id in a path, say) is not reported again.
/// </summary>
internal sealed class PersonalDataCheck : IPolicyCheck
{
    private const string DataProtection =
        "sharing someone's personal data without a clear reason can also break data-protection law (such as the GDPR). Remove it; "
        + "to invite people to get in touch, link to a public contact page instead.";

    private const string CardExplanation =
        "This looks like a payment card number (it passes the checksum card numbers carry). Never post a card number: anyone who "
        + "reads it could try to use it. Remove it, and if it belongs to a real card, tell the card holder so they can have it replaced.";

    private const string IbanExplanation =
        "This looks like a bank account number (an IBAN whose check digits are valid). Posting account details invites fraud, such "
        + "as fake payment requests that quote them. Remove it; if someone needs it, send it to them privately.";

    private const string EmailExplanation =
        "This looks like an email address. Publishing an address exposes its owner to spam and phishing, and " + DataProtection;

    private const string PhoneExplanation =
        "This looks like a phone number. Publishing a number exposes its owner to unwanted calls and scams, and " + DataProtection;

    public string Rule => PolicyRules.PersonalData;

    public IEnumerable<PolicyFinding> Check(PostDraft draft, DocumentSentiment? sentiment)
    {
        ArgumentNullException.ThrowIfNull(draft);
        string text = draft.Text;
        List<(TextRange Range, string Explanation)> found = [];
        found.AddRange(IbanScanner.Find(text).Select(range => (range, IbanExplanation)));
        AddUnlessTaken(found, PaymentCardScanner.Find(text), CardExplanation, new RangeIndex(found.Select(f => f.Range)));
        AddUnlessTaken(found, EmailScanner.Find(text), EmailExplanation, new RangeIndex(found.Select(f => f.Range)));
        RangeIndex taken = new(found.Select(f => f.Range).Concat(UrlScanner.Find(text).Select(url => url.Range)));
        AddUnlessTaken(found, PhoneNumberScanner.Find(text), PhoneExplanation, taken);

        return found
            .OrderBy(f => f.Range.Start)
            .Take(PolicyRules.MaxFindingsPerRule)
            .Select(f => new PolicyFinding(
                Rule,
                FindingSeverity.Block,
                f.Explanation,
                f.Range.Start,
                f.Range.Length,
                text.Substring(f.Range.Start, f.Range.Length)))
            .ToList();
    }

    private static void AddUnlessTaken(List<(TextRange Range, string Explanation)> found, IEnumerable<TextRange> candidates, string explanation, RangeIndex taken) =>
        found.AddRange(candidates.Where(range => !taken.Overlaps(range)).Select(range => (range, explanation)));
}
