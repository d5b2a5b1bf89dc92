using ScottPlot;
using SkiaSharp;

namespace Chorus.Infrastructure.Alerts;

/// <summary>
/// DejaVu Sans, shipped inside this assembly and handed to ScottPlot as a font of its own name, so charts draw their
/// text the same on a machine with no fonts at all (a container, CI without fontconfig) as on a desktop.
/// </summary>
internal sealed class EmbeddedFont : IFontResolver
{
    /// <summary>The family name charts ask for; no system font has it, so only this resolver answers.</summary>
    public const string Family = "Chorus DejaVu Sans";

    private static readonly Lazy<SKTypeface> Typeface = new(Load);
    private static readonly Lazy<string> Registered = new(() =>
    {
        // ScottPlot asks its resolvers in order before the system's fonts; adding one is its documented extension point.
        Fonts.FontResolvers.Insert(0, new EmbeddedFont());
        return Family;
    });

    /// <summary>Registers the font with ScottPlot (once) and returns its family name.</summary>
    public static string Use() => Registered.Value;

    /// <summary>The typeface itself.</summary>
    internal static SKTypeface Get() => Typeface.Value;

    public SKTypeface? CreateTypeface(string fontName, FontWeight weight, FontSlant slant, FontSpacing width)
        => fontName == Family ? Typeface.Value : null;

    public SKTypeface? CreateTypeface(string fontName, bool bold, bool italic)
        => fontName == Family ? Typeface.Value : null;

    private static SKTypeface Load()
    {
        using Stream stream = typeof(EmbeddedFont).Assembly.GetManifestResourceStream("Chorus.Infrastructure.Alerts.Fonts.DejaVuSans.ttf")
            ?? throw new InvalidOperationException("The embedded chart font is missing from the assembly.");
        return SKTypeface.FromStream(stream) ?? throw new InvalidOperationException("The embedded chart font could not be read.");
    }
}
