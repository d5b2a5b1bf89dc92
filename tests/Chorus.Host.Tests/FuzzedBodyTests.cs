using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace Chorus.Host.Tests;

/// <summary>
/// Thousands of generated bodies per route, as a careless or hostile client sends them: random types, deep nesting,
/// invalid UTF-8, lone surrogates, NULs, huge numbers, duplicate keys, truncations and valid-looking posts with one
/// thing wrong. No body may get a 5xx, and the host must still be healthy and answer a good request afterwards.
/// </summary>
[Collection(HostCollection.Name)]
public sealed class FuzzedBodyTests(LocalServicesFixture services)
{
    private const int BodiesPerRoute = 5_000;

    [Theory]
    [InlineData("api/posts")]
    [InlineData("api/mentions")]
    public async Task No_generated_body_gets_a_server_error_and_the_host_stays_healthy(string route)
    {
        // Mentions that happen to be valid need nobody, so they cost a write, not a triage orchestration each.
        await using ChorusTestHost host = await ChorusTestHost.StartAsync(services, configure: (settings, _) =>
        {
            settings["Mentions:Triage:NegativeThreshold"] = "-1";
            settings["Mentions:Triage:ReachThreshold"] = long.MaxValue.ToString(System.Globalization.CultureInfo.InvariantCulture);
        });
        Random random = new(route.Length * 7919);
        List<string> failures = [];
        int sent = 0;
        await Parallel.ForEachAsync(
            Enumerable.Range(0, BodiesPerRoute).Select(_ => Body(random, route)).ToList(),
            new ParallelOptions { MaxDegreeOfParallelism = 8 },
            async (body, cancellationToken) =>
            {
                using ByteArrayContent content = new(body);
                content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
                using HttpResponseMessage response = await host.Http.PostAsync(route, content, cancellationToken);
                Interlocked.Increment(ref sent);
                if ((int)response.StatusCode >= 500)
                {
                    lock (failures)
                    {
                        failures.Add($"{(int)response.StatusCode} for {Convert.ToBase64String(body.AsSpan(0, Math.Min(body.Length, 300)))}");
                    }
                }
            });

        Assert.Equal(BodiesPerRoute, sent);
        Assert.True(failures.Count == 0, $"{failures.Count} of {BodiesPerRoute} bodies got a 5xx; first (base64): {string.Join(" | ", failures.Take(3))}");
        using HttpResponseMessage health = await host.Http.GetAsync("healthz");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        string good = route == "api/posts"
            ? """{"author":{"email":"ada@chorus.test","displayName":"Ada","team":"m"},"text":"Still standing after the fuzz.","channels":["x"]}"""
            : """{"source":"crm","id":"after-fuzz","author":{"handle":"@a"},"text":"Still standing after the fuzz.","createdAt":"2026-11-21T10:00:00Z"}""";
        using HttpResponseMessage accepted = await host.Http.PostAsync(route, new StringContent(good, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
    }

    private static readonly string[] Keys = ["author", "email", "displayName", "team", "text", "channels", "links", "scheduledAt", "source", "id", "url", "handle", "name", "reach", "language", "createdAt", "x", string.Empty];

    private static byte[] Body(Random random, string route)
    {
        string template = route == "api/posts"
            ? """{"author":{"email":"ada@chorus.test","displayName":"Ada","team":"m"},"text":"TEXT","channels":["x"],"scheduledAt":"2099-01-01T00:00:00Z"}"""
            : """{"source":"crm","id":"ID","author":{"handle":"@a","reach":5},"text":"TEXT","createdAt":"2026-11-21T10:00:00Z"}""";
        byte[] bytes = random.Next(6) switch
        {
            0 => Encoding.UTF8.GetBytes(Value(random, 0)),
            1 => Encoding.UTF8.GetBytes(template.Replace("TEXT", Text(random), StringComparison.Ordinal).Replace("ID", Text(random), StringComparison.Ordinal)),
            2 => Encoding.UTF8.GetBytes(Replace(random, template)),
            3 => Encoding.UTF8.GetBytes(template.Replace("\"text\":\"TEXT\"", $"\"text\":{Value(random, 0)}", StringComparison.Ordinal).Replace("ID", "id-" + random.Next(), StringComparison.Ordinal)),
            4 => Encoding.UTF8.GetBytes(new string('[', random.Next(1, 200)) + new string(']', random.Next(0, 200))),
            _ => Encoding.UTF8.GetBytes(template.Replace("ID", "id-" + random.Next(), StringComparison.Ordinal).Replace("TEXT", "ok", StringComparison.Ordinal)),
        };

        return random.Next(4) switch
        {
            0 => Flip(random, bytes),
            1 => bytes.AsSpan(0, random.Next(bytes.Length + 1)).ToArray(),
            _ => bytes,
        };
    }

    private static string Replace(Random random, string template)
    {
        string key = Keys[random.Next(Keys.Length)];
        return template.Replace($"\"{key}\":", $"\"{key}\":{Value(random, 2)},\"{key}\":", StringComparison.Ordinal);
    }

    private static string Value(Random random, int depth) => (depth > 6 ? random.Next(5) : random.Next(9)) switch
    {
        0 => "null",
        1 => random.Next(2) == 0 ? "true" : "false",
        2 => random.Next(3) switch { 0 => "1e999999", 1 => "-0.0000000000000000000000001", _ => "123456789012345678901234567890" },
        3 => "\"" + Text(random) + "\"",
        4 => random.Next(int.MinValue, int.MaxValue).ToString(System.Globalization.CultureInfo.InvariantCulture),
        5 or 6 => "[" + string.Join(",", Enumerable.Range(0, random.Next(4)).Select(_ => Value(random, depth + 1))) + "]",
        _ => "{" + string.Join(",", Enumerable.Range(0, random.Next(4)).Select(_ => $"\"{Keys[random.Next(Keys.Length)]}\":{Value(random, depth + 1)}")) + "}",
    };

    private static string Text(Random random)
    {
        string[] pieces = ["\\ud800", "\\udfff", "\\u0000", "\\\"", "\\\\", "é", "😀", "\u202e", "<script>", "../..", "%00", " ", "a", "\\n", "\\uFFFF", "\\u12", "\t"];
        return string.Concat(Enumerable.Range(0, random.Next(0, 12)).Select(_ => pieces[random.Next(pieces.Length)]));
    }

    private static byte[] Flip(Random random, byte[] bytes)
    {
        byte[] copy = [.. bytes];
        for (int i = random.Next(1, 4); i > 0 && copy.Length > 0; i--)
        {
            copy[random.Next(copy.Length)] = (byte)random.Next(256);
        }

        return copy;
    }
}
