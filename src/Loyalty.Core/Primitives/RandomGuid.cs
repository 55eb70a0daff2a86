using System.Security.Cryptography;
using NodaTime;

namespace Loyalty;

/// <summary>
/// UUIDs from a per-thread buffer of cryptographically secure random bytes. <see cref="Guid.NewGuid"/> asks the operating
/// system for 16 bytes on every call (a <c>getrandom</c> system call on Linux, about 0.7 µs on the machines measured);
/// every ledger entry and every event needs one, so this refills 256 at a time instead.
/// </summary>
internal static class RandomGuid
{
    private const int BufferSize = 4096;

    [ThreadStatic]
    private static byte[]? t_buffer;

    [ThreadStatic]
    private static int t_position;

    /// <summary>A random (version 4) UUID, as <see cref="Guid.NewGuid"/> makes.</summary>
    public static Guid New()
    {
        Span<byte> bytes = stackalloc byte[16];
        TakeRandom(bytes);

        // RFC 9562 version 4 and variant bits, in the byte order Guid(ReadOnlySpan<byte>) reads.
        bytes[7] = (byte)((bytes[7] & 0x0F) | 0x40);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes);
    }

    /// <summary>
    /// A time-ordered (RFC 9562 version 7) UUID: the Unix time of <paramref name="at"/> in milliseconds in its first 48
    /// bits (an instant before 1970 as 0; NodaTime's last instant, in 9999, fits), then 74 random bits. Identifiers made
    /// one after another sort (as bytes and as text) in the order they were made, to the millisecond, so a store's index
    /// keyed by them takes each new one at its end instead of at a random place: a member's new lots and entries land on
    /// the page their previous ones did.
    /// </summary>
    /// <param name="at">When the identified record is made (the engine's clock).</param>
    public static Guid NewTimeOrdered(Instant at)
    {
        Span<byte> bytes = stackalloc byte[16];
        TakeRandom(bytes);
        var milliseconds = Math.Max(at.ToUnixTimeMilliseconds(), 0);
        for (var i = 5; i >= 0; i--)
        {
            bytes[i] = unchecked((byte)milliseconds);
            milliseconds >>= 8;
        }

        // Version 7 and the variant bits, in RFC 9562's (big-endian) byte order.
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x70);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes, bigEndian: true);
    }

    private static void TakeRandom(Span<byte> destination)
    {
        var buffer = t_buffer;
        var position = t_position;
        if (buffer is null || position == 0)
        {
            buffer ??= t_buffer = new byte[BufferSize];
            RandomNumberGenerator.Fill(buffer);
            position = BufferSize;
        }

        position -= 16;
        t_position = position;
        var source = buffer.AsSpan(position, 16);
        source.CopyTo(destination);
        source.Clear();
    }
}
