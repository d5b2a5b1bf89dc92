using System.Text.Json;
using System.Text.RegularExpressions;
using Chorus.Host.Dashboard.SignIn;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Chorus.Host.Tests.Dashboard;

/// <summary>Signing in to the dashboard as the run command's user does (its one-time link), reading charts back, and keeping screenshots.</summary>
internal static partial class DashboardSession
{
    /// <summary>Where the dashboard's screenshots are kept: under the test results tests/run collects.</summary>
    public static readonly string ScreenshotFolder = Path.Combine(RepositoryRoot(), ".artifacts", "test-results", "dashboard");

    /// <summary>The committed overview picture the README shows, rewritten only with CHORUS_UPDATE_SCREENSHOTS=1.</summary>
    public static readonly string ReadmeScreenshot = Path.Combine(RepositoryRoot(), "tests", "Chorus.Host.Tests", "Dashboard", "overview.png");

    /// <summary>A fresh one-time link, as the welcome block prints it.</summary>
    public static Uri NewLink(ChorusTestHost host) => host.Services.GetRequiredService<SignInLinks>().Issue(host.BaseUri);

    /// <summary>A browser context signed in through a one-time link: opened, then its Sign in button pressed.</summary>
    public static async Task<IBrowserContext> SignInAsync(LocalServicesFixture services, ChorusTestHost host, bool javaScript = true)
    {
        IBrowserContext context = await services.Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 900 }, JavaScriptEnabled = javaScript });
        IPage page = await context.NewPageAsync();
        IResponse? opened = await page.GotoAsync(NewLink(host).ToString());
        Assert.Equal(200, opened!.Status);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await ArrivedAtAsync(page, new Uri(host.BaseUri, "dashboard").ToString());
        await page.CloseAsync();
        return context;
    }

    /// <summary>Follows a link as a keyboard user does (focus, then Enter) and waits until its page is there.</summary>
    public static async Task FollowAsync(IPage page, ILocator link, string urlGlob)
    {
        await link.FocusAsync();
        await link.PressAsync("Enter");
        await ArrivedAtAsync(page, urlGlob);
    }

    /// <summary>
    /// Waits until the page is at <paramref name="urlGlob"/> with its document parsed; what a test reads next waits for
    /// its own element. Not for the "load" event, Playwright's default: twice in CI, once after a link and once after the
    /// sign-in button, the page reached its address and Playwright saw "networkidle", yet "load" never came within 30 s.
    /// </summary>
    public static Task ArrivedAtAsync(IPage page, string urlGlob)
        => page.WaitForURLAsync(urlGlob, new PageWaitForURLOptions { WaitUntil = WaitUntilState.DOMContentLoaded });

    /// <summary>Saves a full-page screenshot under the test results and checks it holds a picture.</summary>
    public static async Task<string> ScreenshotAsync(IPage page, string name)
    {
        Directory.CreateDirectory(ScreenshotFolder);
        string path = Path.Combine(ScreenshotFolder, name + ".png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        Assert.True(new FileInfo(path).Length > 10_000, $"the screenshot {path} is suspiciously small");
        return path;
    }

    /// <summary>What Chart.js drew for a chart: its labels and each dataset's label and values.</summary>
    public static async Task<ChartReading> ReadChartAsync(IPage page, string chartId)
    {
        JsonElement chart = await page.EvaluateAsync<JsonElement>(
            """
            id => {
              const chart = Chart.getChart(document.querySelector('#chart-' + id + ' canvas'));
              return chart ? { labels: chart.data.labels, datasets: chart.data.datasets.map(d => ({ label: d.label, data: d.data })) } : null;
            }
            """,
            chartId);
        Assert.True(chart.ValueKind == JsonValueKind.Object, $"Chart.js drew no chart '{chartId}'");
        return new ChartReading(
            [.. chart.GetProperty("labels").EnumerateArray().Select(l => l.GetString()!)],
            [.. chart.GetProperty("datasets").EnumerateArray().Select(d => (d.GetProperty("label").GetString()!, (IReadOnlyList<double?>)[.. d.GetProperty("data").EnumerateArray().Select(v => v.ValueKind == JsonValueKind.Null ? (double?)null : v.GetDouble())]))]);
    }

    /// <summary>The chart's table (its text alternative), read from the page as text: the header row, then one row per label.</summary>
    public static async Task<IReadOnlyList<IReadOnlyList<string>>> ReadTableAsync(IPage page, string tableId)
    {
        JsonElement rows = await page.EvaluateAsync<JsonElement>(
            "id => Array.from(document.querySelectorAll('#' + id + ' tr')).map(r => Array.from(r.children).map(c => c.textContent.trim()))",
            tableId);
        return [.. rows.EnumerateArray().Select(r => (IReadOnlyList<string>)[.. r.EnumerateArray().Select(c => c.GetString()!)])];
    }

    /// <summary>Checks that a chart holds exactly the numbers of its table, label by label and series by series.</summary>
    public static async Task<ChartReading> AssertChartMatchesTableAsync(IPage page, string chartId)
    {
        ChartReading chart = await ReadChartAsync(page, chartId);
        IReadOnlyList<IReadOnlyList<string>> table = await ReadTableAsync(page, "chart-table-" + chartId);
        Assert.Equal(chart.Datasets.Select(d => d.Label), table[0].Skip(1));
        Assert.Equal(chart.Labels, table.Skip(1).Select(r => r[0]));
        for (int row = 0; row < chart.Labels.Count; row++)
        {
            for (int series = 0; series < chart.Datasets.Count; series++)
            {
                string cell = table[row + 1][series + 1];
                double? value = chart.Datasets[series].Data[row];
                Assert.True(
                    value is null ? cell == "–" : double.Parse(cell, System.Globalization.CultureInfo.InvariantCulture) == value,
                    $"chart {chartId}, {chart.Labels[row]}, {chart.Datasets[series].Label}: the chart has {value?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "null"}, the table '{cell}'");
            }
        }

        return chart;
    }

    /// <summary>The hidden antiforgery field of a page's form.</summary>
    public static string AntiforgeryToken(string html) => AntiforgeryField().Match(html) is { Success: true } match
        ? System.Net.WebUtility.HtmlDecode(match.Groups[1].Value)
        : throw new InvalidOperationException("The page has no antiforgery field.");

    private static string RepositoryRoot()
    {
        for (DirectoryInfo? directory = new(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "functions.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("functions.sln not found above " + AppContext.BaseDirectory);
    }

    [GeneratedRegex("name=\"__antiforgery\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();
}

/// <summary>A chart as Chart.js holds it.</summary>
internal sealed record ChartReading(IReadOnlyList<string> Labels, IReadOnlyList<(string Label, IReadOnlyList<double?> Data)> Datasets);
