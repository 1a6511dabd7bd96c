using System.Security.Cryptography;
using System.Text;

namespace MachineActors.Host.Security;

/// <summary>Token secrets: 256 random bits, shown once, stored only as a SHA-256 hash.</summary>
public static class TokenSecrets
{
    private const string Prefix = "mat_";

    /// <summary>Shortest secret accepted when an operator supplies one (e.g. --admin-token).</summary>
    public const int MinimumLength = 20;

    public static string Generate() => Prefix + Base64Url(RandomNumberGenerator.GetBytes(32));

    public static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    public static void ValidateSupplied(string secret)
    {
        if (secret.Length < MinimumLength || secret.Any(char.IsWhiteSpace))
        {
            throw new ArgumentException($"A token must be at least {MinimumLength} characters without spaces.", nameof(secret));
        }
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
