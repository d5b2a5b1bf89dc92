using System.Globalization;
using Chorus.Host.LocalDevelopment;

namespace Chorus.Host.Dashboard.SignIn;

/// <summary>Prints a requested sign-in link on standard output, as the run command's welcome block prints the first.</summary>
internal sealed class ConsoleSignInLinkOutput : ISignInLinkOutput
{
    public void Print(Uri link, string email, TimeSpan lifetime)
        => StartupConsole.Say(string.Create(CultureInfo.InvariantCulture, $"new dashboard sign-in link, asked for on the sign-in page: {link}   (one-time sign-in as {email}, valid {lifetime.TotalMinutes:0} min)"));
}
