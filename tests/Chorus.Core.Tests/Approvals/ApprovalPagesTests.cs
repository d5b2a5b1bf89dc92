using System.Security.Cryptography;
using System.Text;
using System.Xml;
using System.Xml.Linq;
using Chorus.Approvals;

namespace Chorus.Core.Tests.Approvals;

public sealed class ApprovalPagesTests
{
    private const string Hostile = "<script>alert('x')</script>\"'&<img src=x onerror=alert(1)>";
    private const string FormAction = "/approvals/v1.k1.abc.def";

    private static ApprovalPageModel Post(string action = "approve") => new(
        "Approve this post?",
        ApprovalSubjects.Post,
        action,
        "alice@example.org",
        "We're hiring!\nApply by Friday.",
        [new PageFact("Author", "Bob Smith"), new PageFact("Channels", "LinkedIn, Bluesky")],
        [new PageFinding("Warn", "hiring-disclosure", "Say the salary range.")],
        new Uri("https://www.linkedin.com/feed/update/1"),
        TestSigners.Start + TimeSpan.FromDays(7));

    [Fact]
    public void The_confirmation_page_is_a_complete_accessible_document()
    {
        string html = ApprovalPages.Confirmation(Post(), FormAction);
        XElement root = Parse(html);

        Assert.StartsWith("<!DOCTYPE html>\n<html lang=\"en\">", html, StringComparison.Ordinal);
        Assert.Equal("en", (string?)root.Attribute("lang"));
        Assert.Equal("Approve this post? \u2013 Chorus", Single(root, "title").Value);
        Assert.Single(Elements(root, "main"));
        Assert.Equal("Approve this post?", Single(root, "h1").Value);
        Assert.Contains(Elements(root, "h2"), h => h.Value == "Your decision");
        Assert.Contains("focus-visible", Single(root, "style").Value, StringComparison.Ordinal);
    }

    [Fact]
    public void The_confirmation_form_posts_the_action_and_a_labelled_comment()
    {
        XElement root = Parse(ApprovalPages.Confirmation(Post(), FormAction));

        XElement form = Single(root, "form");
        Assert.Equal("post", (string?)form.Attribute("method"));
        Assert.Equal(FormAction, (string?)form.Attribute("action"));
        XElement hidden = Single(form, "input");
        Assert.Equal(("hidden", "action", "approve"), ((string?)hidden.Attribute("type"), (string?)hidden.Attribute("name"), (string?)hidden.Attribute("value")));
        XElement textarea = Single(form, "textarea");
        Assert.Equal("comment", (string?)textarea.Attribute("name"));
        Assert.Equal("2000", (string?)textarea.Attribute("maxlength"));
        XElement label = Single(form, "label");
        Assert.Equal((string?)textarea.Attribute("id"), (string?)label.Attribute("for"));
        Assert.NotNull(root.Descendants().SingleOrDefault(e => (string?)e.Attribute("id") == (string?)textarea.Attribute("aria-describedby")));
        XElement button = Single(form, "button");
        Assert.Equal("submit", (string?)button.Attribute("type"));
        Assert.Equal("Approve post", button.Value);
    }

    [Fact]
    public void A_respond_page_has_a_labelled_reply_box_prefilled_before_the_comment()
    {
        ApprovalPageModel model = Post("respond") with { Subject = ApprovalSubjects.Mention, Composer = new ReplyComposer("on Mastodon", "@jane@mastodon.example " + Hostile, 5000) };
        XElement root = Parse(ApprovalPages.Confirmation(model, FormAction));

        XElement form = Single(root, "form");
        XElement[] boxes = [.. Elements(form, "textarea")];
        Assert.Equal(["reply", "comment"], boxes.Select(b => (string?)b.Attribute("name")));
        XElement reply = boxes[0];
        Assert.Equal("@jane@mastodon.example " + Hostile, reply.Value.TrimStart('\n'));
        Assert.Equal(("5000", "required"), ((string?)reply.Attribute("maxlength"), (string?)reply.Attribute("required")));
        Assert.Null(reply.Attribute("aria-invalid"));
        XElement label = Assert.Single(Elements(form, "label"), l => (string?)l.Attribute("for") == (string?)reply.Attribute("id"));
        Assert.Equal("Your reply on Mastodon", label.Value);
        Assert.Equal("Send reply for review", Single(form, "button").Value);
        Assert.Empty(Elements(root, "script"));
    }

    [Fact]
    public void A_respond_page_shown_again_says_what_is_wrong_and_keeps_both_texts()
    {
        ApprovalPageModel model = Post("respond") with { Subject = ApprovalSubjects.Mention, Composer = new ReplyComposer("to post by hand", "   ", 5000, "Your reply was not sent: The text is empty.", "Called her too.") };
        XElement root = Parse(ApprovalPages.Confirmation(model, FormAction));

        XElement reply = Assert.Single(Elements(root, "textarea"), b => (string?)b.Attribute("name") == "reply");
        Assert.Equal("true", (string?)reply.Attribute("aria-invalid"));
        XElement error = Assert.Single(root.Descendants(), e => (string?)e.Attribute("id") == "reply-error");
        Assert.Equal("alert", (string?)error.Attribute("role"));
        Assert.Contains("reply-error", (string?)reply.Attribute("aria-describedby"), StringComparison.Ordinal);
        Assert.Equal("Called her too.", Assert.Single(Elements(root, "textarea"), b => (string?)b.Attribute("name") == "comment").Value);
    }

    [Fact]
    public void The_page_after_a_reply_repeats_it_and_says_it_is_reviewed()
    {
        ApprovalDecisionRecord decision = new("mention", "mention-rss.20261120-0", 1, "care@example.org", "respond", null, TestSigners.Start, null, null, "@jane Sorry about that.");
        XElement root = Parse(ApprovalPages.Decided(decision));

        Assert.Contains(Elements(root, "h2"), h => h.Value == "Your reply");
        Assert.Contains(Elements(root, "blockquote"), q => q.Value == "@jane Sorry about that.");
        Assert.Contains("review", Single(root, "main").Value, StringComparison.Ordinal);
    }

    [Fact]
    public void The_confirmation_page_says_nothing_is_decided_yet_and_who_is_deciding()
    {
        string html = ApprovalPages.Confirmation(Post(), FormAction);

        Assert.Contains("Nothing has been decided yet.", html, StringComparison.Ordinal);
        Assert.Contains("You are deciding as <strong>alice@example.org</strong>", html, StringComparison.Ordinal);
        Assert.Contains("This link works once, until 8 March 2025 at 09:00 UTC.", html, StringComparison.Ordinal);
        Assert.Contains("Not ready to decide?", html, StringComparison.Ordinal);
    }

    [Fact]
    public void The_item_facts_and_findings_are_shown()
    {
        XElement root = Parse(ApprovalPages.Confirmation(Post(), FormAction));

        Assert.Equal("We're hiring!\nApply by Friday.", Single(root, "blockquote").Value);
        Assert.Equal(["Author", "Channels"], Elements(root, "dt").Select(e => e.Value));
        Assert.Equal(["Bob Smith", "LinkedIn, Bluesky"], Elements(root, "dd").Select(e => e.Value));
        Assert.Equal("Warn hiring-disclosure: Say the salary range.", Single(root, "li").Value);
        XElement link = Single(root, "a");
        Assert.Equal("https://www.linkedin.com/feed/update/1", (string?)link.Attribute("href"));
        Assert.Equal("noopener noreferrer", (string?)link.Attribute("rel"));
    }

    [Fact]
    public void Windows_line_breaks_in_the_item_are_kept_as_line_breaks()
    {
        XElement root = Parse(ApprovalPages.Confirmation(Post() with { ItemText = "one\r\ntwo\rthree" }, FormAction));

        Assert.Equal("one\ntwo\nthree", Single(root, "blockquote").Value);
    }

    [Theory]
    [InlineData("post", "approve", "Approve post")]
    [InlineData("post", "reject", "Reject post")]
    [InlineData("mention", "respond", "Respond to mention")]
    [InlineData("mention", "escalate", "Escalate mention")]
    [InlineData("mention", "dismiss", "Dismiss mention")]
    [InlineData("mention", "archive", "Archive mention")]
    public void The_button_says_the_action(string subject, string action, string expected)
    {
        XElement root = Parse(ApprovalPages.Confirmation(Post(action) with { Subject = subject }, FormAction));

        Assert.Equal(expected, Single(root, "button").Value);
    }

    [Fact]
    public void Hostile_text_everywhere_is_encoded_and_shown_as_text()
    {
        ApprovalPageModel model = new(
            Hostile,
            Hostile,
            Hostile,
            Hostile,
            Hostile,
            [new PageFact(Hostile, Hostile)],
            [new PageFinding(Hostile, Hostile, Hostile)],
            new Uri("https://example.org/?q=\"><script>alert(1)</script>"));

        string html = ApprovalPages.Confirmation(model, "\"><script>alert(1)</script>");
        XElement root = Parse(html);

        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(root.Descendants(), e => e.Name.LocalName is "script" or "img" or "iframe");
        Assert.DoesNotContain(root.Descendants().Attributes(), a => a.Name.LocalName.StartsWith("on", StringComparison.OrdinalIgnoreCase));
        Assert.Equal(Hostile, Single(root, "h1").Value);
        Assert.Equal(Hostile, Single(root, "blockquote").Value);
        Assert.Equal(Hostile, Single(root, "dt").Value);
        Assert.Equal(Hostile, (string?)Single(root, "input").Attribute("value"));
        Assert.Equal("\"><script>alert(1)</script>", (string?)Single(root, "form").Attribute("action"));
    }

    [Theory]
    [InlineData("javascript:alert(document.cookie)")]
    [InlineData("JavaScript:alert(1)")]
    [InlineData("data:text/html,<script>alert(1)</script>")]
    [InlineData("vbscript:msgbox(1)")]
    [InlineData("file:///etc/passwd")]
    public void An_item_url_that_is_not_http_is_not_linked(string url)
    {
        string html = ApprovalPages.Confirmation(Post() with { ItemUrl = new Uri(url) }, FormAction);

        Assert.Empty(Elements(Parse(html), "a"));
        Assert.DoesNotContain("script:", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("data:", html, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void A_mention_without_facts_findings_or_url_still_renders()
    {
        ApprovalPageModel model = new("Dismiss this mention?", ApprovalSubjects.Mention, "dismiss", "a@example.org", "meh", [], []);

        XElement root = Parse(ApprovalPages.Confirmation(model, FormAction));

        Assert.Empty(Elements(root, "dl"));
        Assert.Empty(Elements(root, "ul"));
        Assert.Equal("The mention", Elements(root, "h2").First().Value);
    }

    [Theory]
    [InlineData(TokenProblem.Missing, 400, "This approval link is incomplete")]
    [InlineData(TokenProblem.Malformed, 400, "This approval link is damaged")]
    [InlineData(TokenProblem.BadSignature, 403, "This approval link is not valid")]
    [InlineData(TokenProblem.UnknownKey, 403, "This approval link is no longer valid")]
    [InlineData(TokenProblem.Expired, 410, "This approval link has expired")]
    public void Every_token_problem_has_a_page_and_a_status(TokenProblem problem, int status, string title)
    {
        string html = ApprovalPages.ForProblem(problem);
        XElement root = Parse(html);

        Assert.Equal(status, ApprovalPages.StatusFor(problem));
        Assert.Equal(title, Single(root, "h1").Value);
        Assert.Contains("Nothing was recorded.", html, StringComparison.Ordinal);
        Assert.Contains("class=\"panel problem\"", html, StringComparison.Ordinal);
        Assert.Empty(Elements(root, "form"));
    }

    [Fact]
    public void A_valid_token_has_status_200_and_no_problem_page()
    {
        Assert.Equal(200, ApprovalPages.StatusFor(TokenProblem.None));
        Assert.Throws<ArgumentOutOfRangeException>(() => ApprovalPages.ForProblem(TokenProblem.None));
    }

    [Fact]
    public void Every_token_problem_is_covered()
    {
        foreach (TokenProblem problem in Enum.GetValues<TokenProblem>().Where(p => p != TokenProblem.None))
        {
            Assert.NotEmpty(ApprovalPages.ForProblem(problem));
            Assert.InRange(ApprovalPages.StatusFor(problem), 400, 499);
        }
    }

    [Fact]
    public void An_already_used_link_says_who_decided_and_when()
    {
        ApprovalDecisionRecord earlier = new("post", "p1", 2, "alice@example.org", "reject", null, new DateTimeOffset(2025, 3, 2, 14, 5, 0, TimeSpan.FromHours(1)), "10.0.0.1", "Mail");

        XElement root = Parse(ApprovalPages.AlreadyUsed(earlier));

        Assert.Equal("This link has already been used", Single(root, "h1").Value);
        Assert.Contains("alice@example.org already rejected this post on 2 March 2025 at 13:05 UTC.", Single(root, "div").Value, StringComparison.Ordinal);
        Assert.Equal(409, ApprovalPages.ConflictStatusCode);
    }

    [Fact]
    public void An_already_used_link_without_a_record_still_explains()
    {
        Assert.Contains("This link has already been used. Each approver decides once per stage", ApprovalPages.AlreadyUsed(null), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("post", NotWaitingReason.AlreadyDecided, "This post was already decided")]
    [InlineData("post", NotWaitingReason.Expired, "This post is no longer waiting for a decision")]
    [InlineData("mention", NotWaitingReason.Withdrawn, "This mention was withdrawn")]
    public void A_decision_on_an_item_no_longer_waiting_is_refused_plainly(string subject, NotWaitingReason reason, string title)
    {
        XElement root = Parse(ApprovalPages.NotWaiting(subject, reason));

        Assert.Equal(title, Single(root, "h1").Value);
        Assert.Contains("nothing was recorded", Single(root, "div").Value, StringComparison.Ordinal);
    }

    [Fact]
    public void The_result_page_thanks_the_approver_and_repeats_the_encoded_comment()
    {
        ApprovalDecisionRecord decision = new("post", "p1", 1, "alice@example.org", "approve", "Looks good <script>x</script>\nShip it", TestSigners.Start, null, null);

        string html = ApprovalPages.Decided(decision);
        XElement root = Parse(html);

        Assert.Equal("Thanks \u2014 you approved the post", Single(root, "h1").Value);
        Assert.Equal("Looks good <script>x</script>\nShip it", Single(root, "blockquote").Value);
        Assert.Contains("class=\"panel success\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.Ordinal);
        Assert.Contains("1 March 2025 at 09:00 UTC", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("respond", "mention", "Thanks \u2014 you chose to respond to the mention")]
    [InlineData("dismiss", "mention", "Thanks \u2014 you dismissed the mention")]
    [InlineData("escalate", "mention", "Thanks \u2014 you escalated the mention")]
    [InlineData("reject", "post", "Thanks \u2014 you rejected the post")]
    public void The_result_title_names_what_was_done(string action, string subject, string title)
    {
        ApprovalDecisionRecord decision = new(subject, "i1", 1, "a@example.org", action, null, TestSigners.Start, null, null);

        XElement root = Parse(ApprovalPages.Decided(decision));

        Assert.Equal(title, Single(root, "h1").Value);
        Assert.Empty(Elements(root, "blockquote"));
    }

    [Fact]
    public void Outcome_encodes_its_title_and_message()
    {
        string html = ApprovalPages.Outcome(Hostile, Hostile, success: true);
        XElement root = Parse(html);

        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(Hostile, Single(root, "h1").Value);
        Assert.Equal(Hostile, Elements(root, "p").Single(p => (string?)p.Attribute("class") == "message").Value);
    }

    [Fact]
    public void The_inline_style_is_allowed_by_its_hash_and_nothing_else_is()
    {
        string html = ApprovalPages.Confirmation(Post(), FormAction);
        XElement root = Parse(html);
        string css = Single(root, "style").Value;
        string hash = Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(css)));
        string metaPolicy = (string)Elements(root, "meta").Single(m => (string?)m.Attribute("http-equiv") == "Content-Security-Policy").Attribute("content")!;

        Assert.Equal($"default-src 'none'; style-src 'sha256-{hash}'; form-action 'self'; base-uri 'none'", metaPolicy);
        Assert.Equal(metaPolicy + "; frame-ancestors 'none'", ApprovalPages.ResponseHeaders["Content-Security-Policy"]);
        Assert.Equal("no-referrer", ApprovalPages.ResponseHeaders["Referrer-Policy"]);
        Assert.Equal("DENY", ApprovalPages.ResponseHeaders["X-Frame-Options"]);
        Assert.Equal("no-store", ApprovalPages.ResponseHeaders["Cache-Control"]);
        Assert.Contains(Elements(root, "meta"), m => (string?)m.Attribute("name") == "referrer" && (string?)m.Attribute("content") == "no-referrer");
    }

    [Fact]
    public void No_page_contains_a_script_element()
    {
        string[] pages =
        [
            ApprovalPages.Confirmation(Post(), FormAction),
            ApprovalPages.Outcome("t", "m", success: false),
            ApprovalPages.AlreadyUsed(null),
            ApprovalPages.NotWaiting("post", NotWaitingReason.Expired),
            .. Enum.GetValues<TokenProblem>().Where(p => p != TokenProblem.None).Select(ApprovalPages.ForProblem),
        ];

        Assert.All(pages, page =>
        {
            Assert.DoesNotContain("<script", page, StringComparison.OrdinalIgnoreCase);
            Assert.Contains("<html lang=\"en\">", page, StringComparison.Ordinal);
            Assert.Empty(Elements(Parse(page), "script"));
        });
    }

    /// <summary>Parses a page as XML: the pages are written to be well-formed, so structure can be checked exactly.</summary>
    private static XElement Parse(string html)
    {
        using StringReader text = new(html);
        using XmlReader reader = XmlReader.Create(text, new XmlReaderSettings { DtdProcessing = DtdProcessing.Ignore });
        return XDocument.Load(reader, LoadOptions.PreserveWhitespace).Root!;
    }

    private static IEnumerable<XElement> Elements(XElement root, string name) => root.Descendants(name);

    private static XElement Single(XElement root, string name) => Assert.Single(root.Descendants(name));
}
