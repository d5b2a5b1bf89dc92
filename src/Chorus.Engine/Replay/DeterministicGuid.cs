using System.Security.Cryptography;
using System.Text;

namespace Chorus.Engine.Replay;

/// <summary>Name-based (version 5) UUIDs, as Durable's <c>NewGuid</c> makes them: same name, same GUID.</summary>
internal static class DeterministicGuid
{
    // The DNS namespace id of RFC 4122, which DTFx also uses for orchestration GUIDs.
    private static readonly byte[] Namespace = Guid.Parse("9e952958-5e33-4daf-827f-2fa12937b875").ToByteArray(bigEndian: true);

    public static Guid Create(string name)
    {
        byte[] nameBytes = Encoding.UTF8.GetBytes(name);
        byte[] buffer = new byte[Namespace.Length + nameBytes.Length];
        Namespace.CopyTo(buffer, 0);
        nameBytes.CopyTo(buffer, Namespace.Length);
#pragma warning disable CA5350 // SHA-1 is what RFC 4122 version 5 specifies; this is an identifier, not a security boundary.
        byte[] hash = SHA1.HashData(buffer);
#pragma warning restore CA5350
        hash[6] = (byte)((hash[6] & 0x0F) | 0x50);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash.AsSpan(0, 16), bigEndian: true);
    }
}
