using System.ComponentModel.DataAnnotations;
using Chorus.Mail;
using Chorus.Mentions.Triage;
using Chorus.Posts.Review;

namespace Chorus.Core.Tests.Mail;

/// <summary>The one email rule: a bare ASCII dot-atom local part at a host name of two labels or more.</summary>
public sealed class EmailAddressTests
{
    [Theory]
    [InlineData("ada@x.com")]
    [InlineData("Ada.Lovelace@Example.ORG")]
    [InlineData("a+tag@x.co")]
    [InlineData("o'brien@x.ie")]
    [InlineData("care@chorus.local")]
    [InlineData("a!#$%&'*+/=?^_`{|}~-b@x.com")]
    [InlineData("a@sub.x-y.example")]
    [InlineData("a@bücher.de")]
    public void A_bare_address_is_valid(string address) => Assert.True(EmailAddress.IsValid(address));

    [Theory]
    [InlineData("")]
    [InlineData("ada")]
    [InlineData("\"a b\"@x.com")]
    [InlineData("a b@x.com")]
    [InlineData("a@b")]
    [InlineData("Ada <ada@x.com>")]
    [InlineData("<ada@x.com>")]
    [InlineData("ada@x.com (Ada)")]
    [InlineData(" ada@x.com")]
    [InlineData("ada@x.com ")]
    [InlineData("@x.com")]
    [InlineData("ada@")]
    [InlineData("a@@x.com")]
    [InlineData("a@b@x.com")]
    [InlineData(".a@x.com")]
    [InlineData("a.@x.com")]
    [InlineData("a..b@x.com")]
    [InlineData("ä@x.com")]
    [InlineData("a@x..com")]
    [InlineData("a@.x.com")]
    [InlineData("a@x.com.")]
    [InlineData("a@-x.com")]
    [InlineData("a@x-.com")]
    [InlineData("a@x_y.com")]
    [InlineData("a@[127.0.0.1]")]
    [InlineData("a@127.0.0.1")]
    [InlineData("a@x.com,b@y.com")]
    [InlineData("a@x.com\n")]
    public void Anything_else_is_not(string address) => Assert.False(EmailAddress.IsValid(address));

    [Fact]
    public void The_limits_are_64_characters_before_the_at_and_254_in_all()
    {
        string domain = string.Join('.', Enumerable.Repeat(new string('d', 61), 3)) + ".com"; // 189 characters
        Assert.True(EmailAddress.IsValid(new string('l', 64) + "@" + domain)); // 254
        Assert.False(EmailAddress.IsValid(new string('l', 64) + "@e" + domain)); // 255
        Assert.False(EmailAddress.IsValid(new string('l', 65) + "@x.com"));
        Assert.False(EmailAddress.IsValid("a@" + new string('d', 64) + ".com"));
    }

    [Theory]
    [InlineData("Ada <ada@x.com>")]
    [InlineData("ada@x")]
    public void Triage_teams_and_review_stages_refuse_what_the_rule_refuses(string address)
    {
        TriageOptions triage = new();
        TriageTeamOptions team = new() { Name = "Care" };
        team.Recipients.Add("care@x.com");
        team.Backups.Add(address);
        triage.Teams.Add(team);
        ReviewOptions review = new();
        ReviewStageOptions stage = new() { Name = "Comms" };
        stage.Approvers.Add(address);
        review.Stages.Add(stage);

        Assert.Contains(Failures(triage), f => f.StartsWith("Mentions:Triage:Teams:0:Recipients", StringComparison.Ordinal));
        Assert.Contains(Failures(review), f => f.StartsWith("Posts:Review:Stages:0:", StringComparison.Ordinal) && f.Contains(address, StringComparison.Ordinal));
        team.Backups[0] = stage.Approvers[0] = "ada@x.com";
        Assert.Empty(Failures(triage));
        Assert.Empty(Failures(review));
    }

    [Theory]
    [InlineData("ada@example.org", "ADA@Example.ORG", true)]
    [InlineData("ada@bücher.example", "ada@xn--bcher-kva.example", true)]
    [InlineData("ada@example.org", "ada@example.com", false)]
    [InlineData("ada@example.org", "eve@example.org", false)]
    [InlineData("ada@example.org", null, false)]
    public void The_same_mailbox_ignores_case_and_the_form_of_an_international_domain(string a, string? b, bool same)
    {
        Assert.Equal(same, EmailAddress.SameMailbox(a, b));
        Assert.Equal(same, EmailAddress.SameMailbox(b, a));
    }

    private static List<string> Failures(object options)
    {
        List<ValidationResult> results = [];
        Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true);
        return [.. results.Select(r => r.ErrorMessage ?? string.Empty)];
    }
}
