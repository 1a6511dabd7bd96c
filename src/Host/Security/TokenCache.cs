using System.Collections.Frozen;

namespace MachineActors.Host.Security;

/// <summary>The live tokens by secret hash, for the request pipeline; replaced whole by the token registry.</summary>
public sealed class TokenCache
{
    private volatile FrozenDictionary<string, ApiToken> _byHash = FrozenDictionary<string, ApiToken>.Empty;
    private readonly TaskCompletionSource _loaded = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes once the registry has recovered and filled the cache.</summary>
    public Task Loaded => _loaded.Task;

    public int Count => _byHash.Count;

    public ApiToken? FindBySecret(string secret) => _byHash.GetValueOrDefault(TokenSecrets.Hash(secret));

    public void Replace(IEnumerable<ApiToken> tokens)
    {
        _byHash = tokens.ToFrozenDictionary(t => t.SecretHash, StringComparer.Ordinal);
        _loaded.TrySetResult();
    }
}
