using Chorus.Infrastructure.Alerts;
using SkiaSharp;

namespace Chorus.Infrastructure.Tests.Alerts;

public sealed class AlertChartTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 13, 15, 0, 0, TimeSpan.Zero);

    [Fact]
    public void The_chart_is_a_png_of_the_stated_size_with_the_alert_hour_in_red()
    {
        byte[] png = new ScottPlotAlertChart().RenderPng("Negative mentions per hour", Week(), Start.AddHours(167), 2);

        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], png[..4]);
        using SKBitmap bitmap = SKBitmap.Decode(png);
        Assert.Equal((ScottPlotAlertChart.Width, ScottPlotAlertChart.Height), (bitmap.Width, bitmap.Height));
        Assert.True(Pixels(bitmap, 0, bitmap.Height, c => c.Red > 180 && c.Green < 60 && c.Blue < 90) > 50, "no red bar for the alert's hour");
        Assert.True(Pixels(bitmap, 0, bitmap.Height, c => c.Blue > 150 && c.Red < 100) > 200, "no blue bars for the other hours");
    }

    [Fact]
    public void Text_is_drawn_in_the_embedded_font_whatever_fonts_the_machine_has()
    {
        SKTypeface font = EmbeddedFont.Get();
        Assert.Equal("DejaVu Sans", font.FamilyName);
        using SKFont sized = new(font, 12);
        Assert.DoesNotContain((ushort)0, sized.GetGlyphs("Negative mentions per hour 0123456789 Nov"));
        ScottPlot.Plot plot = ScottPlotAlertChart.Build("Negative mentions per hour", Week(), Start.AddHours(167), 2);
        Assert.Equal(EmbeddedFont.Family, plot.Axes.Title.Label.FontName);
        Assert.Equal(EmbeddedFont.Family, plot.Axes.Bottom.TickLabelStyle.FontName);
        Assert.Equal("DejaVu Sans", ScottPlot.Fonts.GetTypeface(EmbeddedFont.Family, bold: false, italic: false).FamilyName);

        // The title is text: with one, the band above the plot has dark pixels; without, none.
        using SKBitmap titled = SKBitmap.Decode(new ScottPlotAlertChart().RenderPng("Negative mentions per hour", Week(), Start.AddHours(167), 2));
        using SKBitmap untitled = SKBitmap.Decode(new ScottPlotAlertChart().RenderPng(string.Empty, Week(), Start.AddHours(167), 2));
        static bool Dark(SKColor c) => c.Red < 120 && c.Green < 120 && c.Blue < 120;
        Assert.True(Pixels(titled, 0, 13, Dark) > 40, "the title drew nothing");
        Assert.Equal(0, Pixels(untitled, 0, 13, Dark));
    }

    private static List<(DateTimeOffset Hour, long Negative)> Week()
        => [.. Enumerable.Range(0, 168).Select(h => (Start.AddHours(h), h == 167 ? 25L : h % 5))];

    private static int Pixels(SKBitmap bitmap, int top, int bottom, Func<SKColor, bool> match)
    {
        int count = 0;
        for (int y = top; y < bottom; y++)
        {
            for (int x = 0; x < bitmap.Width; x++)
            {
                count += match(bitmap.GetPixel(x, y)) ? 1 : 0;
            }
        }

        return count;
    }
}
