using System.Security.Cryptography;
using System.Text;
using MachineActors.Actors.Persistence.PostgreSql;
using Npgsql;

namespace MachineActors.Actors.Cluster;

/// <summary>
/// Keeps a node with the wrong cluster secret out of the member table: the first node stores a random salt and
/// HMAC(secret, salt) in the cluster schema; every later node must produce the same proof before it joins. The
/// transport's handshake refuses such a node too; this check makes it fail at start, with a clear message,
/// instead of showing up as a member nobody can talk to.
/// </summary>
internal static class ClusterSecretCheck
{
    public static async Task VerifyAsync(NpgsqlDataSource dataSource, string schema, string secret, CancellationToken cancellationToken)
    {
        var salt = RandomNumberGenerator.GetBytes(32);
        await PostgreSqlSchemaNames.EnsureAsync(dataSource, schema, "MachineActors.Cluster", """
            CREATE TABLE IF NOT EXISTS {schema}.cluster_secret (
                id int PRIMARY KEY CHECK (id = 1),
                salt bytea NOT NULL,
                proof bytea NOT NULL)
            """, cancellationToken).ConfigureAwait(false);
        var quoted = PostgreSqlSchemaNames.Quote(schema);
        await using var command = dataSource.CreateCommand($"""
            INSERT INTO {quoted}.cluster_secret (id, salt, proof) VALUES (1, $1, $2) ON CONFLICT (id) DO NOTHING
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = salt });
        command.Parameters.Add(new NpgsqlParameter { Value = Proof(secret, salt) });
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        await using var read = dataSource.CreateCommand($"""SELECT salt, proof FROM {quoted}.cluster_secret WHERE id = 1""");
        await using var reader = await read.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        var storedSalt = (byte[])reader[0];
        var storedProof = (byte[])reader[1];
        if (!CryptographicOperations.FixedTimeEquals(Proof(secret, storedSalt), storedProof))
        {
            throw new InvalidOperationException(
                "This node's cluster secret differs from the one the cluster was started with; it does not join.");
        }
    }

    private static byte[] Proof(string secret, byte[] salt) =>
        HMACSHA256.HashData(Encoding.UTF8.GetBytes("machineactors-cluster-proof:" + secret), salt);
}
