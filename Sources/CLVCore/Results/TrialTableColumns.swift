/// Some columns of a `TrialTable`, read through to it: the inputs an analysis looks at.
///
/// - Complexity: `column(at:)` as the underlying table's; `rows(_:)` O(rows · columns) on top of
///   the underlying table's.
struct TrialTableColumns: TrialTable {
    let table: any TrialTable
    /// Positions in `table` of the columns kept, in order.
    let positions: [Int]

    var names: [String] { positions.map { table.names[$0] } }
    var trials: Int { table.trials }

    func column(at c: Int) -> [Double] { table.column(at: positions[c]) }

    func rows(_ range: Range<Int>) -> [Double] {
        let all = table.rows(range), width = table.names.count
        var result: [Double] = []
        result.reserveCapacity(range.count * positions.count)
        for r in 0..<range.count {
            for p in positions { result.append(all[r * width + p]) }
        }
        return result
    }
}
