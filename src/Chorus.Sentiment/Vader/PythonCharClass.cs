using System.Runtime.CompilerServices;

namespace Chorus.Sentiment.Vader;

/// <summary>
/// What the tokenizer needs to know about a UTF-16 unit, from one table load for ASCII: whether Python splits on
/// it, strips it as punctuation, and whether it makes the token need lower-casing or a full <c>isupper()</c>.
/// </summary>
[Flags]
internal enum PythonCharClass : byte
{
    /// <summary>An ASCII digit, control character or other unremarkable unit.</summary>
    None = 0,

    /// <summary>Whitespace for <c>str.split()</c> (see <see cref="PythonText.IsSpace(char)"/>).</summary>
    Space = 1,

    /// <summary>In <c>string.punctuation</c>.</summary>
    Punctuation = 2,

    /// <summary>A–Z.</summary>
    Upper = 4,

    /// <summary>a–z.</summary>
    Lower = 8,

    /// <summary>Not ASCII (and not whitespace).</summary>
    NonAscii = 16,

    /// <summary>The apostrophe, without which a token cannot contain "n't".</summary>
    Apostrophe = 32,
}

/// <summary>Classifies characters into <see cref="PythonCharClass"/>.</summary>
internal static class PythonCharClasses
{
    private static readonly PythonCharClass[] Ascii = Build();

    /// <summary>Classifies one UTF-16 unit.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static PythonCharClass Of(char c) =>
        c < 128 ? Ascii[c] : PythonText.IsSpace(c) ? PythonCharClass.Space : PythonCharClass.NonAscii;

    private static PythonCharClass[] Build()
    {
        PythonCharClass[] classes = new PythonCharClass[128];
        for (char c = '\0'; c < 128; c++)
        {
            classes[c] = (PythonText.IsSpace(c) ? PythonCharClass.Space : 0)
                | (PythonText.IsPunctuation(c) ? PythonCharClass.Punctuation : 0)
                | (char.IsAsciiLetterUpper(c) ? PythonCharClass.Upper : 0)
                | (char.IsAsciiLetterLower(c) ? PythonCharClass.Lower : 0)
                | (c == '\'' ? PythonCharClass.Apostrophe : 0);
        }

        return classes;
    }
}
