import CLVCore
import CLVReport
import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The metric or input columns of a merged run, read from its shard files when they are needed
/// (docs/distributed.md): a column at a time for summaries and charts, a block of rows at a
/// time for trials.csv. Memory is that of one column of the whole run, not of the table.
///
/// A read that fails (a shard file damaged or removed during the merge) yields NaN and is
/// recorded; the merge checks `failure` before it moves any file into place.
final class ShardColumns: TrialTable {
    let names: [String]
    let trials: Int
    private let shards: [OpenShard]
    private let inputs: Bool
    private let failures = Mutex<String?>(nil)

    /// The metric columns (or, with `inputs`, the input columns) of `shards`, which are in trial
    /// order and cover the run.
    init(_ shards: [OpenShard], inputs: Bool) {
        self.shards = shards
        self.inputs = inputs
        let header = shards[0].header
        names = inputs ? header.inputNames : header.metricNames
        trials = header.trials
    }

    /// The first read that failed, as a line naming the file; nil when every read succeeded.
    var failure: String? { failures.withLock { $0 } }

    func column(at c: Int) -> [Double] {
        var values = [Double](repeating: .nan, count: trials)
        for shard in shards {
            let offset = ShardFile.columnOffset(shard.header, column: c, inputs: inputs)
            read(shard, offset: offset, into: &values, at: shard.header.firstTrial, count: shard.header.count)
        }
        return values
    }

    func rows(_ range: Range<Int>) -> [Double] {
        let width = names.count
        var values = [Double](repeating: .nan, count: range.count * width)
        var column = [Double](repeating: .nan, count: range.count)
        for c in 0..<width {
            for shard in shards {
                let first = shard.header.firstTrial, last = first + shard.header.count
                let lower = max(first, range.lowerBound), upper = min(last, range.upperBound)
                guard lower < upper else { continue }
                let offset = ShardFile.columnOffset(shard.header, column: c, inputs: inputs) + 8 * (lower - first)
                read(shard, offset: offset, into: &column, at: lower - range.lowerBound, count: upper - lower)
            }
            for r in 0..<range.count { values[r * width + c] = column[r] }
        }
        return values
    }

    /// Reads `count` doubles at `offset` in the shard's data into `values[at...]`.
    private func read(_ shard: OpenShard, offset: Int, into values: inout [Double], at index: Int, count: Int) {
        guard count > 0 else { return }
        let ok = values.withUnsafeMutableBytes { raw in
            shard.read(into: UnsafeMutableRawBufferPointer(rebasing: raw[8 * index..<8 * (index + count)]),
                       dataOffset: offset)
        }
        if !ok {
            let reason = String(cString: strerror(errno))
            failures.withLock { if $0 == nil { $0 = "\(shard.path): cannot read the shard file: \(reason)" } }
            for k in index..<index + count { values[k] = .nan }
            return
        }
        for k in index..<index + count {
            values[k] = Double(bitPattern: UInt64(littleEndian: values[k].bitPattern))
        }
    }
}
