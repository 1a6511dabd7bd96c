using System.Collections.Immutable;
using MachineActors.Actors;
using MachineActors.Actors.Persistence;

namespace MachineActors.Host.Security;

/// <summary>
/// The node's API tokens, event-sourced: a token is usable only after its creation is persisted,
/// and a revocation is persisted before it is confirmed. Every change is also pushed to the
/// <see cref="TokenCache"/> the request pipeline reads.
/// </summary>
public sealed class TokenRegistryActor : ReceivePersistentActor
{
    public const string Id = "api-tokens";

    private readonly TokenCache _cache;
    private ImmutableDictionary<Guid, ApiToken> _tokens = ImmutableDictionary<Guid, ApiToken>.Empty;

    public TokenRegistryActor(TokenCache cache)
    {
        _cache = cache;
        Recover<TokenCreated>(Apply);
        Recover<TokenRevoked>(Apply);
        Recover<RecoveryCompleted>(_ => _cache.Replace(_tokens.Values));
        Command<CreateToken>(create => Persist(
            new TokenCreated(Guid.NewGuid(), create.Name, create.Role, create.SecretHash, Context.System.TimeProvider.GetUtcNow()),
            created =>
            {
                Apply(created);
                _cache.Replace(_tokens.Values);
                Sender.Tell(_tokens[created.Id], Self);
            }));
        Command<RevokeToken>(revoke =>
        {
            if (!_tokens.ContainsKey(revoke.Id))
            {
                Sender.Tell(false, Self);
                return;
            }
            Persist(new TokenRevoked(revoke.Id), revoked =>
            {
                Apply(revoked);
                _cache.Replace(_tokens.Values);
                Sender.Tell(true, Self);
            });
        });
        Command<ListTokens>(_ => Sender.Tell(_tokens.Values.OrderBy(t => t.CreatedAt).ToList(), Self));
    }

    public override string PersistenceId => Id;

    private void Apply(TokenCreated created) =>
        _tokens = _tokens.SetItem(created.Id, new ApiToken(created.Id, created.Name, created.Role, created.SecretHash, created.CreatedAt));

    private void Apply(TokenRevoked revoked) => _tokens = _tokens.Remove(revoked.Id);
}
