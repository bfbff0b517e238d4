/// One of `count` parts of a run, numbered from 0 (docs/distributed.md).
///
/// Shard `index` of a run of T trials simulates exactly the trials
/// [⌊index·T/count⌋, ⌊(index+1)·T/count⌋): consecutive, disjoint, covering [0, T), each shard
/// non-empty when count ≤ T. Every trial's random streams are keyed by its index, so the trials
/// of a shard are those of the one-process run, bit for bit.
public struct Shard: Sendable, Equatable, CustomStringConvertible {
    /// 0-based index, `0 ≤ index < count`.
    public let index: Int
    /// The number of shards, ≥ 1.
    public let count: Int

    /// Shard `index` of `count`; nil unless 0 ≤ index < count.
    public init?(index: Int, count: Int) {
        guard count >= 1, index >= 0, index < count else { return nil }
        self.index = index
        self.count = count
    }

    /// Parses `I/N` (as on the command line); nil when it is not of that form or out of range.
    public init?(_ text: String) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let i = Int(parts[0]), let n = Int(parts[1]) else { return nil }
        self.init(index: i, count: n)
    }

    /// The trials of this shard in a run of `trials` trials.
    ///
    /// - Complexity: O(1); no overflow for any trial count below 2⁶³ / count.
    public func trialRange(of trials: Int) -> Range<Int> {
        let lower = Int((Int128(index) * Int128(trials)) / Int128(count))
        let upper = Int((Int128(index + 1) * Int128(trials)) / Int128(count))
        return lower..<upper
    }

    /// `I/N`.
    public var description: String { "\(index)/\(count)" }
}
