using Chorus.Sentiment;

namespace Chorus.Posts.Policy;

/// <summary>
/// Sends posts with questionable links to an approver: links in the text and the links the author declared. One
/// instance reports links outside <see cref="PolicyOptions.AllowedLinkDomains"/> and malformed links (rule
/// <see cref="PolicyRules.LinkDomain"/>), another links through a shortener (rule <see cref="PolicyRules.LinkShortener"/>).
/// A shortened link is only reported as shortened, never also as off the allowed list.
/// </summary>
internal sealed class LinkCheck : IPolicyCheck
{
    private readonly bool _reportsShorteners;
    private readonly HostList _allowed;
    private readonly HostList _shorteners;
    private readonly string _allowedSites;

    private LinkCheck(string rule, PolicyOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Rule = rule;
        _reportsShorteners = rule == PolicyRules.LinkShortener;
        _allowed = new HostList(options.AllowedLinkDomains);
        _shorteners = new HostList(options.EffectiveUrlShorteners);
        _allowedSites = options.AllowedLinkDomains.Count <= 5
            ? Wording.OneOf(options.AllowedLinkDomains)
            : string.Join(", ", options.AllowedLinkDomains.Take(5)) + " and others";
    }

    public string Rule { get; }

    /// <summary>Creates the check for links outside the allowed sites, and malformed links.</summary>
    public static LinkCheck Domains(PolicyOptions options) => new(PolicyRules.LinkDomain, options);

    /// <summary>Creates the check for shortened links.</summary>
    public static LinkCheck Shorteners(PolicyOptions options) => new(PolicyRules.LinkShortener, options);

    public IEnumerable<PolicyFinding> Check(PostDraft draft, DocumentSentiment? sentiment)
    {
        ArgumentNullException.ThrowIfNull(draft);
        List<PolicyFinding> findings = [];
        HashSet<string> reported = new(StringComparer.Ordinal);
        foreach (FoundUrl url in UrlScanner.Find(draft.Text))
        {
            if (findings.Count == PolicyRules.MaxFindingsPerRule)
            {
                return findings;
            }

            if (Explain(url.Uri, url.Text) is { } explanation)
            {
                findings.Add(new PolicyFinding(Rule, FindingSeverity.Warn, explanation, url.Range.Start, url.Range.Length, url.Text));
                reported.Add(url.Uri?.AbsoluteUri ?? url.Text);
            }
        }

        foreach (Uri link in draft.Links)
        {
            if (findings.Count == PolicyRules.MaxFindingsPerRule)
            {
                break;
            }

            Uri? web = IsWebLink(link) ? link : null;
            string written = link.OriginalString;
            if (!reported.Contains(web?.AbsoluteUri ?? written) && Explain(web, written) is { } explanation)
            {
                // A declared link is not in the text, so the finding has no span.
                findings.Add(new PolicyFinding(Rule, FindingSeverity.Warn, explanation, Matched: written));
                reported.Add(web?.AbsoluteUri ?? written);
            }
        }

        return findings;
    }

    private static bool IsWebLink(Uri link) =>
        link.IsAbsoluteUri && (link.Scheme == Uri.UriSchemeHttps || link.Scheme == Uri.UriSchemeHttp) && link.Host.Length > 0;

    /// <summary>Returns what to tell the author about this link under this instance's rule, or null when nothing.</summary>
    private string? Explain(Uri? uri, string written)
    {
        if (uri is null)
        {
            return _reportsShorteners
                ? null
                : $"We could not read \"{Shorten(written)}\" as a web address (http or https, with a site name), so nobody can tell "
                    + "where it would lead. Check it for typos; an approver will look at it before the post goes out.";
        }

        bool shortened = _shorteners.Contains(uri);
        if (_reportsShorteners)
        {
            return shortened
                ? $"This link goes through {DisplayHost(uri)}, a link shortener. Shortened links hide where they go: readers, and our "
                    + "approvers, cannot see the destination before they click, and it can be changed later. Please use the full "
                    + "link instead (the platforms shorten long links for you). An approver will check it."
                : null;
        }

        if (shortened || _allowed.IsEmpty || _allowed.Contains(uri))
        {
            return null;
        }

        return $"This link goes to {DisplayHost(uri)}, which is not one of the sites staff posts link to without a check ({_allowedSites}). "
            + "Links from staff read as recommendations from the company, so an approver will look at where it leads before the "
            + "post goes out. You don't need to change anything.";
    }

    // An international name is shown with its ASCII form too, so a look-alike ("chοrus.com" with a Greek omicron) shows up.
    private static string DisplayHost(Uri uri) =>
        string.Equals(uri.Host, uri.IdnHost, StringComparison.OrdinalIgnoreCase) ? uri.Host : $"{uri.Host} ({uri.IdnHost})";

    // A malformed "link" may be a whole paragraph of pasted text; the explanation quotes only its start.
    private static string Shorten(string written) => written.Length <= 80 ? written : string.Concat(written.AsSpan(0, 77), "...");
}
