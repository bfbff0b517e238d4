import Synchronization

/// Hands out the trials of a run to its workers in chunks that shrink as the run nears its end
/// (guided self-scheduling), so that the workers finish together.
///
/// A chunk lies inside one block of `Simulation.blockSize` trials and holds ⌈r / (2·w)⌉ of the
/// r trials left (w > 1 workers), at most the rest of its block and at least one trial; a lone
/// worker takes whole blocks. Early chunks are whole blocks and the last ones single trials, so
/// at the end a worker waits for the others about one trial instead of up to one block (1.3 s
/// for 64 trials of 20 ms, as in the `large` benchmark). Which worker runs a chunk, and how a
/// block is cut into chunks, changes no result: a trial's inputs and draws depend only on its
/// index and its block (`InputSampler` and `ExtraRateDiscounting` keep the block's shape for any
/// part of it).
///
/// - Complexity: O(1) expected per claim (one compare-and-exchange, retried only when another
///   worker claimed in between); about B + 10·w chunks for B blocks and w workers (each chunk
///   of the last 128·w trials takes 1/(2w) of those left).
final class TrialChunks: Sendable {
    /// The end of the trials handed out: they are [first, end).
    private let end: Int
    private let workers: Int
    private let next: Atomic<Int>

    /// Chunks of the trials [first, first + count) for `workers` workers.
    init(first: Int, count: Int, workers: Int) {
        end = first + max(0, count)
        self.workers = max(1, workers)
        next = Atomic(first)
    }

    /// The next chunk, or nil when every trial has been handed out.
    func claim() -> Range<Int>? {
        var start = next.load(ordering: .relaxed)
        while start < end {
            let stop = Self.chunkEnd(start: start, end: end, workers: workers)
            let (exchanged, original) = next.compareExchange(expected: start, desired: stop, ordering: .relaxed)
            if exchanged { return start..<stop }
            start = original
        }
        return nil
    }

    /// The end of the chunk that starts at `start` when the trials before `end` are left:
    /// start + ⌈(end − start) / (2·workers)⌉, cut at the end of `start`'s block. A lone worker
    /// has nobody to wait for and takes the rest of the block.
    ///
    /// - Complexity: O(1).
    static func chunkEnd(start: Int, end: Int, workers: Int) -> Int {
        let blockEnd = Simulation.blockStart(of: start) + Simulation.blockSize
        guard workers > 1 else { return min(end, blockEnd) }
        let share = (end - start + 2 * workers - 1) / (2 * workers)
        return min(end, blockEnd, start + max(1, share))
    }
}
