using Microsoft.EntityFrameworkCore;
using ProjectPortfolio.Infrastructure.Persistence;

namespace ProjectPortfolio.Infrastructure.Identity;

/// <summary>Counts sign-in attempts in the database, so that several nodes on one database share one count: two
/// nodes together allow no more attempts than one (issue 7, docs/operations.md "Running several nodes").</summary>
public sealed class SignInAttempts(ApplicationDbContext db, TimeProvider clock)
{
    /// <summary>Records one attempt for <paramref name="key"/> and answers how many attempts the key has made in its
    /// current window, this one included. A window starts at the key's first attempt and lasts
    /// <paramref name="window"/>; the next attempt after it starts a new one.</summary>
    /// <remarks>One INSERT … ON CONFLICT DO UPDATE … RETURNING, the same text on SQLite (3.35+) and PostgreSQL: the
    /// increment and the read are one atomic statement, so two nodes counting at the same moment cannot both read
    /// the old count. The SET expressions all see the row as it was, so the window test is the same in both.</remarks>
    public async Task<int> CountAsync(string key, TimeSpan window, CancellationToken cancellationToken = default)
    {
        if (key.Length > SignInCounter.KeyMaxLength) key = key[..SignInCounter.KeyMaxLength];
        var now = clock.GetUtcNow().UtcDateTime;
        var expired = now - window;
        // Windows that ended are of no use to anyone: removed as attempts come, so the table stays as small as the
        // number of addresses and accounts tried within one window.
        await db.Database.ExecuteSqlAsync($"""DELETE FROM "SignInCounters" WHERE "WindowStartUtc" <= {expired}""", cancellationToken);
        var counts = await db.Database.SqlQuery<int>($"""
            INSERT INTO "SignInCounters" ("Key", "WindowStartUtc", "Count") VALUES ({key}, {now}, 1)
            ON CONFLICT ("Key") DO UPDATE SET
                "Count" = CASE WHEN "SignInCounters"."WindowStartUtc" <= {expired} THEN 1 ELSE "SignInCounters"."Count" + 1 END,
                "WindowStartUtc" = CASE WHEN "SignInCounters"."WindowStartUtc" <= {expired} THEN {now} ELSE "SignInCounters"."WindowStartUtc" END
            RETURNING "Count" AS "Value"
            """).ToListAsync(cancellationToken);
        return counts.Single();
    }
}
