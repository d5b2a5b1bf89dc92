using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;

namespace Chorus.Approvals;

/// <summary>
/// The shell every approval page shares: document head, style sheet and security policy. Pages carry a token in
/// their address, so they must not leak it (no referrer), be framed (clickjacking a decision) or be cached.
/// </summary>
internal static class ApprovalPageLayout
{
    /// <summary>
    /// Colours meet WCAG AA (body text 15:1, links and buttons above 5.9:1, borders above 3:1); focus is a thick dark
    /// outline that does not depend on colour.
    /// </summary>
    private const string Css =
        ":root{color-scheme:light}"
        + "body{margin:0;padding:0 1rem;font:1rem/1.5 system-ui,-apple-system,\"Segoe UI\",Roboto,sans-serif;color:#1b1b1b;background:#f6f6f6}"
        + "main{max-width:40rem;margin:2rem auto;padding:1.5rem;background:#fff;border:1px solid #c4c4c4;border-radius:8px}"
        + "h1{font-size:1.5rem;line-height:1.25;margin:0 0 1rem}"
        + "h2{font-size:1.125rem;margin:1.5rem 0 .5rem}"
        + "a{color:#0b57d0}"
        + "a:focus-visible,button:focus-visible,textarea:focus-visible{outline:3px solid #1b1b1b;outline-offset:2px}"
        + ".notice{background:#fff8e1;border-left:4px solid #8a5a00;padding:.75rem 1rem}"
        + ".item{margin:0;padding:.75rem 1rem;border-left:4px solid #5f6368;background:#f6f6f6;white-space:pre-wrap;overflow-wrap:anywhere}"
        + "dl{display:grid;grid-template-columns:max-content 1fr;gap:.25rem 1rem;margin:0}"
        + "dt{font-weight:600}dd{margin:0;overflow-wrap:anywhere}"
        + ".findings{padding-left:1.25rem}.findings li{margin:.25rem 0}"
        + ".severity{display:inline-block;font-weight:700;padding:0 .375rem;border:1px solid currentColor;border-radius:4px}"
        + ".severity.block{color:#b3261e}.severity.warn{color:#8a5a00}"
        + "label{display:block;font-weight:600}"
        + ".hint,.secondary{color:#4a4a4a;font-size:.9375rem}.hint{margin:.25rem 0 .5rem}"
        + "textarea{display:block;width:100%;box-sizing:border-box;font:inherit;padding:.5rem;border:1px solid #5f6368;border-radius:4px}"
        + "button{margin-top:1rem;font:inherit;font-weight:600;color:#fff;background:#0b57d0;border:0;border-radius:4px;padding:.625rem 1.25rem;cursor:pointer}"
        + "button:hover{background:#0842a0}"
        + ".panel{padding:.75rem 1rem;border-left:4px solid}"
        + ".panel.success{border-color:#1e7d32;background:#edf7ee}.panel.problem{border-color:#b3261e;background:#fdecea}"
        + ".message{white-space:pre-line;margin:0}"
        + ".error{color:#b3261e;font-weight:600;margin:.25rem 0 .5rem}"
        + "textarea[aria-invalid=true]{border:2px solid #b3261e}"
        + "#reply{margin-bottom:1rem}";

    /// <summary>
    /// Keeps non-Latin text readable in the source while still encoding every character that means something in HTML.
    /// </summary>
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    private static readonly string DocumentPolicy =
        $"default-src 'none'; style-src 'sha256-{Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(Css)))}'; form-action 'self'; base-uri 'none'";

    /// <summary>Gets the policy for the Content-Security-Policy header; frame-ancestors works only there, not in a meta tag.</summary>
    public static string HeaderPolicy { get; } = DocumentPolicy + "; frame-ancestors 'none'";

    /// <summary>HTML-encodes text for element content and quoted attribute values.</summary>
    public static string Encode(string? text) => Encoder.Encode(text ?? string.Empty);

    /// <summary>
    /// Wraps already-encoded body markup in a complete document. Void elements are self-closed so the output is also
    /// well-formed XML, which lets tests check its structure with an XML parser.
    /// </summary>
    public static string Document(string title, string mainHtml) =>
        "<!DOCTYPE html>\n"
        + "<html lang=\"en\">\n<head>\n"
        + "<meta charset=\"utf-8\" />\n"
        + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\" />\n"
        + $"<meta http-equiv=\"Content-Security-Policy\" content=\"{DocumentPolicy}\" />\n"
        + "<meta name=\"referrer\" content=\"no-referrer\" />\n"
        + "<meta name=\"robots\" content=\"noindex, nofollow\" />\n"
        + $"<title>{Encode(title)} \u2013 Chorus</title>\n"
        + $"<style>{Css}</style>\n"
        + "</head>\n<body>\n<main>\n"
        + mainHtml
        + "</main>\n</body>\n</html>\n";
}
