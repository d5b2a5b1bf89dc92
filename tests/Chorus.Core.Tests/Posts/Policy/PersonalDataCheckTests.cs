using Chorus.Posts.Policy;

namespace Chorus.Core.Tests.Posts.Policy;

/// <summary>Email addresses, phone numbers, card numbers and IBANs block a post; look-alikes do not.</summary>
public sealed class PersonalDataCheckTests
{
    [Theory]
    [InlineData("ana.lopez+news@chorus.com")]
    [InlineData("j_o'neil@mail.example.co.uk")]
    [InlineData("zoë@exemple.fr")]
    public void Finds_email_addresses(string email) => AssertFound($"Write to {email}, please.", email, "email address");

    [Theory]
    [InlineData("Follow @ana@mastodon.social for more")]
    [InlineData("Meet @ana at the booth")]
    [InlineData("user@localhost is not public")]
    public void Does_not_take_handles_for_email_addresses(string text) => Assert.Empty(Check(text));

    [Theory]
    [InlineData("+44 20 7946 0958")]
    [InlineData("+1 (555) 123-4567")]
    [InlineData("+33612345678")]
    [InlineData("(555) 123-4567")]
    [InlineData("555-123-4567")]
    [InlineData("555.123.4567")]
    [InlineData("06 12 34 56 78")]
    [InlineData("020 7946 0958")]
    [InlineData("07700900123")]
    [InlineData("0800 123 4567")]
    public void Finds_phone_numbers(string phone) => AssertFound($"Call me on {phone} today", phone, "phone number");

    [Theory]
    [InlineData("We grew every year: 2019 2020 2021 2022.")]
    [InlineData("The event runs 2024-06-01 to 2024-06-03.")]
    [InlineData("Doors open 10:30, talks 11:00-12:30.")]
    [InlineData("Revenue reached $1,234,567,890 this year.")]
    [InlineData("It costs € 123 456 789 in total.")]
    [InlineData("It costs 123 456 789 € in total.")]
    [InlineData("We now have 1 234 567 890 users.")]
    [InlineData("Pi is 3.14159265358979")]
    [InlineData("Order 123456789 shipped")]
    [InlineData("Up 123456789% on last year")]
    [InlineData("See you on 15.01.2024 10.30")]
    [InlineData("Ticket #0123456789 is fixed")]
    [InlineData("Our book, ISBN 978-3-16-148410-0, is out")]
    [InlineData("Read https://example.com/orders/0123456789 now")]
    public void Does_not_take_years_dates_times_prices_or_counts_for_phone_numbers(string text) =>
        Assert.Empty(Check(text));

    [Theory]
    [InlineData("4111 1111 1111 1111")]
    [InlineData("4111-1111-1111-1111")]
    [InlineData("4111111111111111")]
    [InlineData("3782 822463 10005")]
    [InlineData("5555555555554444")]
    public void Finds_card_numbers_that_pass_luhn(string card) => AssertFound($"My card: {card} thanks", card, "payment card number");

    [Theory]
    [InlineData("4111 1111 1111 1112")]
    [InlineData("1234567812345678")]
    public void Ignores_sixteen_digits_that_fail_luhn(string number) =>
        Assert.DoesNotContain(Check($"Number {number} here"), f => f.Explanation.Contains("card", StringComparison.Ordinal));

    [Fact]
    public void Leaves_an_expiry_date_out_of_the_card_number() =>
        AssertFound("Card 4111 1111 1111 1111 12 26 ok", "4111 1111 1111 1111", "payment card number");

    [Theory]
    [InlineData("GB82 WEST 1234 5698 7654 32")]
    [InlineData("DE89 3704 0044 0532 0130 00")]
    [InlineData("DE89370400440532013000")]
    [InlineData("fr14 2004 1010 0505 0001 3m02 606")]
    [InlineData("NO93 8601 1117 947")]
    public void Finds_ibans_that_pass_mod_97(string iban) => AssertFound($"Pay to {iban} and thanks", iban, "IBAN");

    [Theory]
    [InlineData("GB82 WEST 1234 5698 7654 33")]
    [InlineData("DE89370400440532013001")]
    [InlineData("GB82WEST")]
    public void Ignores_ibans_that_fail_mod_97(string text) =>
        Assert.DoesNotContain(Check(text), f => f.Explanation.Contains("IBAN", StringComparison.Ordinal));

    [Fact]
    public void Reports_each_kind_once_in_text_order()
    {
        const string text = "Mail ana@chorus.com, call +44 20 7946 0958, card 4111 1111 1111 1111, IBAN DE89 3704 0044 0532 0130 00.";

        string[] matched = [.. Check(text).Select(f => f.Matched!)];

        Assert.Equal(["ana@chorus.com", "+44 20 7946 0958", "4111 1111 1111 1111", "DE89 3704 0044 0532 0130 00"], matched);
    }

    [Theory]
    [InlineData(1_234_567_812_345_670L, true)]
    [InlineData(1_234_567_812_345_678L, false)]
    [InlineData(79_927_398_713L, true)]
    public void Luhn_matches_the_reference_examples(long number, bool valid) =>
        Assert.Equal(valid, PaymentCardScanner.PassesLuhn(number.ToString(System.Globalization.CultureInfo.InvariantCulture)));

    private static List<PolicyFinding> Check(string text) => [.. new PersonalDataCheck().Check(Drafts.Of(text), null)];

    private static void AssertFound(string text, string matched, string kind)
    {
        PolicyFinding finding = Assert.Single(Check(text));

        Assert.Equal(PolicyRules.PersonalData, finding.Rule);
        Assert.Equal(FindingSeverity.Block, finding.Severity);
        Assert.Equal(matched, finding.Matched);
        Assert.Equal(matched, text.Substring(finding.Start, finding.Length));
        Assert.Contains(kind, finding.Explanation, StringComparison.Ordinal);

        // Explanations say what kind of data it is, never the data itself.
        Assert.DoesNotContain(matched, finding.Explanation, StringComparison.Ordinal);
    }
}
