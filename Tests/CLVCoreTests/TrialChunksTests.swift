import Dispatch
import Foundation
import Synchronization
import Testing
@testable import CLVCore
import CLVTestSupport

/// How the workers of a run share its trials (`TrialChunks`): every trial exactly once, in chunks
/// inside one block that shrink to single trials at the end, and results that do not depend on
/// how the blocks were cut.
@Suite struct TrialChunksTests {
    /// Claimed one after another, the chunks cover [first, first + count) in order; each lies in
    /// one block and holds at most ⌈left / (2·workers)⌉ trials, so at least the last
    /// 2·workers − 1 are single trials; a run of whole blocks starts with a whole block; one
    /// worker takes whole blocks.
    @Test(arguments: [(0, 1000, 2), (0, 204, 2), (37, 300, 3), (130, 64, 8), (0, 1, 4), (5, 0, 2), (0, 100_000, 64),
                      (64, 70, 1)])
    func chunksCoverTheTrialsInOrder(first: Int, count: Int, workers: Int) {
        let chunks = TrialChunks(first: first, count: count, workers: workers)
        var next = first
        var sizes: [Int] = []
        while let chunk = chunks.claim() {
            #expect(chunk.lowerBound == next)
            #expect(!chunk.isEmpty)
            #expect(chunk.lowerBound / Simulation.blockSize == (chunk.upperBound - 1) / Simulation.blockSize)
            let left = first + count - chunk.lowerBound
            if workers > 1 {
                #expect(chunk.count <= max(1, (left + 2 * workers - 1) / (2 * workers)))
            } else {
                #expect(chunk.upperBound % Simulation.blockSize == 0 || chunk.upperBound == first + count)
            }
            sizes.append(chunk.count)
            next = chunk.upperBound
        }
        #expect(next == first + count)
        #expect(chunks.claim() == nil)
        if workers > 1 && count >= 2 * workers { #expect(sizes.suffix(2 * workers - 1).allSatisfy { $0 == 1 }) }
        if first % Simulation.blockSize == 0 && count >= 2 * workers * Simulation.blockSize {
            #expect(sizes.first == Simulation.blockSize)
        }
        // Few chunks beyond one per block: about 10 per worker at the end.
        let blocks = count == 0 ? 0 : (first + count - 1) / Simulation.blockSize - first / Simulation.blockSize + 1
        #expect(sizes.count <= blocks + 12 * workers)
    }

    /// Workers claiming at the same time take every trial exactly once.
    @Test func concurrentWorkersTakeEveryTrialOnce() {
        let first = 3, count = 20_000, workers = 8
        let chunks = TrialChunks(first: first, count: count, workers: workers)
        let taken = Mutex([Int](repeating: 0, count: count))
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            var mine: [Range<Int>] = []
            while let chunk = chunks.claim() { mine.append(chunk) }
            taken.withLock { taken in
                for chunk in mine { for trial in chunk { taken[trial - first] += 1 } }
            }
        }
        #expect(taken.withLock { $0.allSatisfy { $0 == 1 } })
    }

    /// Correlated inputs, Latin hypercube sampling and an extra discount rate — the products
    /// computed per block — give the same trials bit for bit with 1, 2, 3 and 8 threads, whose
    /// chunks cut the blocks differently. (Cuts at fixed places, mid-block, are the shards of
    /// `ShardTests.shardsReproduceTheWholeRun`.)
    @Test func resultsDoNotDependOnTheCut() throws {
        let simulation = try Simulation(scenario: try ShardTests.scenario())
        var options = SimulationOptions(trials: 300, seed: 17, threads: 1, extraDiscountRates: [0.05])
        options.sampling = .latinHypercube
        let one = try simulation.run(options)
        for threads in [2, 3, 8] {
            options.threads = threads
            let other = try simulation.run(options)
            let same = one.metrics.rowMajorValues.elementsEqual(other.metrics.rowMajorValues) { $0.bitPattern == $1.bitPattern }
            #expect(same, "\(threads) threads")
            #expect(one.inputs.isBitwiseEqual(to: other.inputs))
            #expect(one.series == other.series)
            #expect(one.diagnostics == other.diagnostics)
        }
    }
}
