using System.Data.Common;
using System.Globalization;
using System.Text;
using Dapper;
using IncidentBot.Domain.Ports;

namespace IncidentBot.Storage.Incidents;

/// <summary>A Prometheus-style histogram of one duration over the incidents where both ends are known, in one pass of the database.</summary>
// Per bound a SUM(CASE WHEN duration <= @Bn ...), cumulative by construction ("le"), in milliseconds like the columns.
internal sealed class DurationHistogramQuery
{
    private readonly IReadOnlyList<double> _bounds;
    private readonly string _sql;
    private readonly DynamicParameters _parameters = new();

    public DurationHistogramQuery(DurationMeasure measure, IReadOnlyList<double> upperBoundsSeconds)
    {
        ArgumentNullException.ThrowIfNull(upperBoundsSeconds);
        for (var i = 0; i < upperBoundsSeconds.Count; i++)
        {
            if (double.IsNaN(upperBoundsSeconds[i]) || (i > 0 && upperBoundsSeconds[i] <= upperBoundsSeconds[i - 1]))
            {
                throw new ArgumentException(
                    $"Histogram bounds must be numbers in increasing order; got [{string.Join(", ", upperBoundsSeconds.Select(b => b.ToString(CultureInfo.InvariantCulture)))}].",
                    nameof(upperBoundsSeconds));
            }
        }
        _bounds = upperBoundsSeconds.ToArray();

        // Column names come from this switch, never from input; the bounds are parameters.
        var (start, end) = measure switch
        {
            DurationMeasure.TimeToAcknowledge => ("detected_at", "acknowledged_at"),
            DurationMeasure.TimeToResolve => ("detected_at", "resolved_at"),
            DurationMeasure.TimeToDetect => ("data_wrong_since", "detected_at"),
            _ => throw new ArgumentOutOfRangeException(nameof(measure), measure, "Unknown duration measure."),
        };
        var sql = new StringBuilder("SELECT COUNT(*) AS count, COALESCE(SUM(")
            .Append(end).Append(" - ").Append(start).Append("), 0) AS sum_ms");
        for (var i = 0; i < _bounds.Count; i++)
        {
            sql.Append(CultureInfo.InvariantCulture, $",\n    COALESCE(SUM(CASE WHEN {end} - {start} <= @B{i} THEN 1 ELSE 0 END), 0) AS le_{i}");
            _parameters.Add($"B{i}", _bounds[i] * 1000.0);
        }
        sql.Append(CultureInfo.InvariantCulture, $"\nFROM incidents\nWHERE {start} IS NOT NULL AND {end} IS NOT NULL");
        _sql = sql.ToString();
    }

    /// <summary>Reads the aggregates by position (SUM is numeric on PostgreSQL, integer on SQLite); the sum stays exact in whole ms.</summary>
    public async Task<DurationHistogram> RunAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        await using var reader = await connection.ExecuteReaderAsync(new CommandDefinition(_sql, _parameters, cancellationToken: cancellationToken));
        if (!await reader.ReadAsync(cancellationToken))
        {
            throw new InvalidOperationException("The histogram query returned no row.");
        }
        var count = Convert.ToInt64(reader.GetValue(0), CultureInfo.InvariantCulture);
        var sumMs = Convert.ToDecimal(reader.GetValue(1), CultureInfo.InvariantCulture);
        var cumulative = new long[_bounds.Count];
        for (var i = 0; i < cumulative.Length; i++)
        {
            cumulative[i] = Convert.ToInt64(reader.GetValue(2 + i), CultureInfo.InvariantCulture);
        }
        return new DurationHistogram(_bounds, cumulative, count, (double)(sumMs / 1000m));
    }
}
