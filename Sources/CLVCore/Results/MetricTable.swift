/// Per-trial values of named columns held in memory: row `i` holds trial `i`.
///
/// Stored as one flat row-major array, 8 bytes per trial per column; nothing is kept per
/// customer, so memory is proportional to trials × columns.
public struct MetricTable: TrialTable, Equatable {
    public let names: [String]
    public private(set) var trials: Int
    /// Row-major values: column `c` of trial `i` is `values[i * names.count + c]`. NaN marks a
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

    /// A table of `trials` rows with the given row-major values; nil unless there is one value
    /// per trial and column.
    public init?(names: [String], trials: Int, values: [Double]) {
        guard trials >= 0, values.count == names.count * trials else { return nil }
        self.names = names
        self.trials = trials
        self.values = values
    }

    /// - Complexity: O(trials).
    public func column(at c: Int) -> [Double] {
        let width = names.count
        return (0..<trials).map { values[$0 * width + c] }
    }

    /// - Complexity: O(rows · columns).
    public func rows(_ range: Range<Int>) -> [Double] {
        Array(values[range.lowerBound * names.count..<range.upperBound * names.count])
    }
}
