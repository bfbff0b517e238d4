/// Per-trial values of named metrics: row `i` holds trial `i`, one column per metric.
///
/// Stored as one flat row-major array, 8 bytes per trial per column; nothing is kept per
/// customer, so memory is proportional to trials × metrics.
public struct MetricTable: Sendable, Equatable {
    /// Column names (e.g. `customerEquity`, `segments.monthly.clv`).
    public let names: [String]
    /// The number of trials (rows).
    public private(set) var trials: Int
    /// Row-major values: metric `c` of trial `i` is `values[i * names.count + c]`. NaN marks a
    /// value that is undefined in that trial (a ROMI whose cost is zero).
    public internal(set) var values: [Double]

    /// Tables with the same columns stacked in order; nil when the columns differ.
    ///
    /// - Complexity: O(total values).
    static func joined(_ tables: [MetricTable]) -> MetricTable? {
        guard let first = tables.first, tables.allSatisfy({ $0.names == first.names }) else { return nil }
        var table = MetricTable(names: first.names, trials: 0)
        table.trials = tables.reduce(0) { $0 + $1.trials }
        table.values.reserveCapacity(table.trials * first.names.count)
        for t in tables { table.values += t.values }
        return table
    }

    public init(names: [String], trials: Int) {
        self.names = names
        self.trials = trials
        values = [Double](repeating: .nan, count: names.count * trials)
    }

    /// The values of column `c` in trial order.
    ///
    /// - Complexity: O(trials).
    public func column(at c: Int) -> [Double] {
        let width = names.count
        return (0..<trials).map { values[$0 * width + c] }
    }

    /// The column named `name`, if present.
    public func column(_ name: String) -> [Double]? {
        names.firstIndex(of: name).map { column(at: $0) }
    }
}
