namespace Chorus.Host.Dashboard.SignIn;

/// <summary>
/// Where a sign-in link asked for on the sign-in page goes: only to whoever runs Chorus, never to a log, since logs
/// are shipped (Application Insights, OTLP) and a link signs in with every role.
/// </summary>
internal interface ISignInLinkOutput
{
    /// <summary>Shows <paramref name="link"/> to whoever runs Chorus.</summary>
    void Print(Uri link, string email, TimeSpan lifetime);
}
