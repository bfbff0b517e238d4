/// Per-trial values of named columns, trial by trial: a run's metrics or its drawn inputs.
///
/// `MetricTable` holds them in memory; a merge of shards reads them from the shard files a
/// column or a block of rows at a time, so that summaries, reports and `trials.csv` of a merged
/// run need memory for one column, not for the whole table (docs/distributed.md).
public protocol TrialTable: Sendable {
    /// Column names (metric names, or scenario paths for inputs).
    var names: [String] { get }
    /// The number of trials (rows).
    var trials: Int { get }
    /// The values of column `c` in trial order.
    func column(at c: Int) -> [Double]
    /// Rows `range` row-major: column `c` of trial `i` at `(i − range.lowerBound) · names.count + c`.
    func rows(_ range: Range<Int>) -> [Double]
}

extension TrialTable {
    /// Every value, row-major (as `rows(0..<trials)`).
    ///
    /// - Complexity: O(trials · columns).
    public var rowMajorValues: [Double] { rows(0..<trials) }

    /// Whether two tables have the same names and the same values bit for bit (NaN included).
    ///
    /// - Complexity: O(trials · columns).
    public func isBitwiseEqual(to other: any TrialTable) -> Bool {
        names == other.names && trials == other.trials
            && rowMajorValues.elementsEqual(other.rowMajorValues) { $0.bitPattern == $1.bitPattern }
    }

    /// The column named `name`, if present (for names a user typed; code uses `TrialMetric`).
    ///
    /// - Complexity: O(columns + trials).
    public func column(_ name: String) -> [Double]? {
        names.firstIndex(of: name).map { column(at: $0) }
    }
}
