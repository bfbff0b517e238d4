import Foundation
import Testing
import CLVTestSupport
@testable import clvsim

/// The memory check respects the process's own limits (`ulimit -v`, cgroups), not only the
/// machine's memory.
@Suite struct MemoryLimitTests {
    /// Runs the binary through /bin/sh with an address-space limit of `kilobytes`.
    func runLimited(kilobytes: Int, _ arguments: [String]) throws -> (status: Int32, standardError: String, signalled: Bool) {
        let binary = try ClvsimBinary.url().path
        let quoted = ([binary] + arguments).map { "'" + $0.replacingOccurrences(of: "'", with: "'\\''") + "'" }.joined(separator: " ")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", "ulimit -v \(kilobytes); exec \(quoted)"]
        process.currentDirectoryURL = RepositoryFiles.root()
        let err = Pipe()
        process.standardError = err
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let data = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self), process.terminationReason == .uncaughtSignal)
    }

    @Test func tooManyTrialsForTheAddressSpaceLimitIsRefused() throws {
        let temporary = TemporaryFolder(prefix: "clvsim-mem")
        let out = temporary.file("out").path
        let run = try runLimited(kilobytes: 4_000_000, ["run", "scenarios/subscription-box.json", "--trials", "100000000", "--out", out])
        #expect(!run.signalled, "killed by signal \(run.status)")
        #expect(run.status == 64, "\(run.standardError)")
        #expect(run.standardError.contains("ulimit -v"), "\(run.standardError)")
        #expect(run.standardError.contains("GiB"))
        #expect(run.standardError.contains("use at most"))
    }

    @Test func theLimitIsTheSmallestOfTheProcessLimits() {
        let limit = MemoryLimit.current()
        #expect(limit.usableBytes > 0)
        #expect(limit.usableBytes <= Double(ProcessInfo.processInfo.physicalMemory) * MemoryLimit.physicalShare)
        #expect(MemoryLimit.gibibytes(3 * 1_073_741_824) == "3.0 GiB")
    }

    @Test func largeRunsSayHowMuchMemoryTheyNeed() throws {
        let options = try SimulationRunOptions.parse(["--trials", "5000000"])
        let roomy = MemoryLimit(usableBytes: 64 * 1_073_741_824, source: "test")
        let big = options.memoryMessages(needed: 2.5 * 1_073_741_824, trials: 5_000_000, file: "s.json", quiet: false, limit: roomy)
        #expect(big.note == "clvsim: this run needs about 2.5 GiB of memory")
        #expect(big.refusal == nil)
        #expect(options.memoryMessages(needed: 2.5 * 1_073_741_824, trials: 5_000_000, file: "s.json", quiet: true, limit: roomy).note == nil)
        #expect(options.memoryMessages(needed: 1e8, trials: 5_000_000, file: "s.json", quiet: false, limit: roomy).note == nil)
        let tight = MemoryLimit(usableBytes: 1_073_741_824, source: "the address-space limit (ulimit -v)")
        let refused = options.memoryMessages(needed: 2 * 1_073_741_824, trials: 5_000_000, file: "s.json", quiet: false, limit: tight)
        #expect(refused.refusal == "s.json: 5000000 trials need about 2.0 GiB of memory for per-trial results, more than the 1.0 GiB this process may use (the address-space limit (ulimit -v)) — use at most 2500000 trials (--trials)")
    }
}
