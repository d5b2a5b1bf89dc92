using System.Globalization;

namespace Chorus.LocalComponents;

/// <summary>maildev: an SMTP server with a web UI and REST API (<c>GET /api/email</c>), on free loopback ports.</summary>
public sealed class MaildevServer : IAsyncDisposable
{
    /// <summary>maildev's entry point under node_modules.</summary>
    public const string Script = "maildev/dist/bin/maildev.js";

    private readonly NodeServer _server;

    private MaildevServer(NodeServer server, int smtpPort, int webPort)
    {
        _server = server;
        SmtpPort = smtpPort;
        WebPort = webPort;
    }

    /// <summary>Gets the SMTP port.</summary>
    public int SmtpPort { get; }

    /// <summary>Gets the web UI and REST API port.</summary>
    public int WebPort { get; }

    /// <summary>Gets the web UI address.</summary>
    public Uri WebUri => new($"http://127.0.0.1:{WebPort}/");

    /// <summary>Starts maildev bound to 127.0.0.1.</summary>
    public static async Task<MaildevServer> StartAsync(CancellationToken cancellationToken = default)
    {
        int smtp = LoopbackPort.GetFree();
        int web = LoopbackPort.GetFree();
        NodeServer server = await NodeServer.StartAsync(
            "maildev",
            Script,
            ["--ip", "127.0.0.1", "--web-ip", "127.0.0.1", "-s", smtp.ToString(CultureInfo.InvariantCulture), "-w", web.ToString(CultureInfo.InvariantCulture), "--silent"],
            web,
            cancellationToken).ConfigureAwait(false);
        await LoopbackPort.WaitUntilListeningAsync(smtp, TimeSpan.FromSeconds(30), () => false, cancellationToken).ConfigureAwait(false);
        return new MaildevServer(server, smtp, web);
    }

    /// <summary>Kills maildev.</summary>
    public ValueTask DisposeAsync() => _server.DisposeAsync();
}
