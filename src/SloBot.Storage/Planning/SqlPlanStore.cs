using System.Globalization;
using SloBot.Chat.Planning;
using SloBot.Core.Planning;
using static SloBot.Storage.SqlValues;

namespace SloBot.Storage.Planning;

/// <summary>Initiative ratings per quarter (a later rating of a key replaces the earlier) and the approved targets of each quarter's plan.</summary>
internal sealed class SqlPlanStore(Database database) : IPlanStore
{
    public const string MigrationId = "planning/002_plan_ratings_and_targets";

    /// <summary>DOUBLE PRECISION: eight bytes on both providers.</summary>
    public const string Schema = """
        CREATE TABLE plan_ratings (
            quarter TEXT NOT NULL,
            initiative TEXT NOT NULL,
            impact_points DOUBLE PRECISION NULL,
            effort_weeks DOUBLE PRECISION NULL,
            rated_by TEXT NOT NULL,
            rated_at TEXT NOT NULL,
            PRIMARY KEY (quarter, initiative)
        );
        CREATE TABLE plan_approved_targets (
            quarter TEXT NOT NULL,
            service TEXT NOT NULL,
            slo TEXT NOT NULL,
            target DOUBLE PRECISION NOT NULL,
            catalog_target DOUBLE PRECISION NOT NULL,
            effective_from TEXT NOT NULL,
            plan_id TEXT NOT NULL,
            approved_by TEXT NOT NULL,
            approved_at TEXT NOT NULL,
            PRIMARY KEY (quarter, service, slo)
        );
        """;

    public async Task SaveRatingsAsync(Quarter quarter, IReadOnlyDictionary<string, InitiativeRating> ratings, string by, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var tx = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        foreach (var (key, rating) in ratings)
        {
            await using var cmd = connection.Command("""
                INSERT INTO plan_ratings (quarter, initiative, impact_points, effort_weeks, rated_by, rated_at) VALUES (@q, @k, @impact, @effort, @by, @at)
                ON CONFLICT (quarter, initiative) DO UPDATE SET impact_points = COALESCE(excluded.impact_points, plan_ratings.impact_points),
                    effort_weeks = COALESCE(excluded.effort_weeks, plan_ratings.effort_weeks), rated_by = excluded.rated_by, rated_at = excluded.rated_at
                """, tx);
            cmd.AddParameter("@q", quarter.ToString()).AddParameter("@k", key).AddParameter("@impact", rating.ImpactPoints).AddParameter("@effort", rating.EffortWeeks)
                .AddParameter("@by", by).AddParameter("@at", Time(at));
            await cmd.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyDictionary<string, InitiativeRating>> RatingsAsync(Quarter quarter, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var cmd = connection.Command("SELECT initiative, impact_points, effort_weeks FROM plan_ratings WHERE quarter = @q");
        cmd.AddParameter("@q", quarter.ToString());
        var result = new Dictionary<string, InitiativeRating>();
        await using var r = await cmd.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await r.ReadAsync(cancellationToken).ConfigureAwait(false))
            result[r.GetString(0)] = new InitiativeRating(r.IsDBNull(1) ? null : Number(r.GetValue(1)), r.IsDBNull(2) ? null : Number(r.GetValue(2)));
        return result;
    }

    public async Task ApproveAsync(Quarter quarter, IReadOnlyList<ApprovedTarget> targets, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var tx = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using (var delete = connection.Command("DELETE FROM plan_approved_targets WHERE quarter = @q", tx))
        {
            delete.AddParameter("@q", quarter.ToString());
            await delete.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        foreach (var t in targets)
        {
            await using var cmd = connection.Command("""
                INSERT INTO plan_approved_targets (quarter, service, slo, target, catalog_target, effective_from, plan_id, approved_by, approved_at)
                VALUES (@q, @service, @slo, @target, @catalog, @from, @plan, @by, @at)
                """, tx);
            cmd.AddParameter("@q", quarter.ToString()).AddParameter("@service", t.Service).AddParameter("@slo", t.Slo).AddParameter("@target", t.Target)
                .AddParameter("@catalog", t.CatalogTarget).AddParameter("@from", Time(t.EffectiveFrom)).AddParameter("@plan", t.PlanId)
                .AddParameter("@by", t.ApprovedBy).AddParameter("@at", Time(t.ApprovedAt));
            await cmd.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<ApprovedTarget>> ApprovedAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var cmd = connection.Command("""
            SELECT service, slo, target, catalog_target, quarter, effective_from, plan_id, approved_by, approved_at
            FROM plan_approved_targets ORDER BY effective_from, service, slo
            """);
        var list = new List<ApprovedTarget>();
        await using var r = await cmd.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await r.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            list.Add(new ApprovedTarget(r.GetString(0), r.GetString(1), Number(r.GetValue(2)), Number(r.GetValue(3)), r.GetString(4),
                ParseTime(r.GetString(5)), r.GetString(6), r.GetString(7), ParseTime(r.GetString(8))));
        }

        return list;
    }

    private static double Number(object value) => Convert.ToDouble(value, CultureInfo.InvariantCulture);
}
