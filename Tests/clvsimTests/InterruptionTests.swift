import Foundation
import Testing
import CLVTestSupport
#if canImport(Glibc)
import Glibc
#endif

/// SIGINT and SIGTERM during a long run: exit 128 + signal, no temporary files, and the
/// previous results byte for byte as they were.
@Suite(.serialized) struct InterruptionTests {
    func files(_ folder: String) throws -> [String: Data] {
        var out: [String: Data] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: folder) {
            out[name] = try Data(contentsOf: URL(fileURLWithPath: folder + "/" + name))
        }
        return out
    }

    @Test(arguments: [SIGINT, SIGTERM])
    func interruptedRunLeavesPreviousResultsIntact(signal number: Int32) throws {
        let temporary = TemporaryFolder(prefix: "clvsim-int")
        let folder = temporary.file("out").path
        let first = try ClvsimBinary.run(["run", "scenarios/retention-strategies.json", "--trials", "128", "--out", folder, "--quiet"])
        #expect(first.status == 0, "\(first.standardError)")
        let before = try files(folder)
        #expect(Set(before.keys) == ["summary.json", "trials.csv", "report.html", "manifest.json"])

        let (process, _, err) = try ClvsimBinary.start(["run", "scenarios/retention-strategies.json", "--trials", "400000",
                                                        "--out", folder, "--threads", "2"])
        usleep(700_000)
        #expect(process.isRunning, "the run should still be going when the signal is sent")
        kill(process.processIdentifier, number)
        guard process.waitUntilExit(within: 30) else {
            Issue.record("clvsim did not stop within 30 s of signal \(number)")
            return
        }
        let message = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(process.terminationReason == .exit)
        #expect(process.terminationStatus == 128 + number, "\(message)")
        #expect(message.contains("interrupted"))
        let after = try files(folder)
        #expect(Set(after.keys) == Set(before.keys), "no temporary or new files: \(after.keys.sorted())")
        for (name, data) in before { #expect(after[name] == data, "\(name) changed") }
    }

    /// A scenario whose single trial takes many seconds: 20 segments acquiring 10,000 customers
    /// in every period of a 6000-period horizon, sBG customers who almost never leave and spend
    /// variation, so that every cohort is thinned period by period (no pooling, no lifetimes
    /// drawn customer by customer): about 3.6·10⁸ binomial draws.
    static let slowScenario = """
        {"schemaVersion": 1, "name": "slow", "horizonPeriods": 6000, "annualDiscountRate": 0.05, "trials": 2,
         "segments": [\((0..<20).map { #"{"name": "s\#($0)", "retention": {"model": "sbg", "alpha": 1, "beta": 10000}, "revenue": 1, "revenueVariation": {"shape": 2}}"# }.joined(separator: ", "))],
         "acquisition": [\((0..<20).map { #"{"segment": "s\#($0)", "fromPeriod": 1, "toPeriod": 6000, "customersPerPeriod": 10000}"# }.joined(separator: ", "))]}
        """

    /// A signal stops even a run whose trials are slow within a few seconds: cancellation is
    /// checked inside a trial, not only between blocks of trials.
    @Test(arguments: [SIGINT, SIGTERM])
    func slowTrialsStopPromptly(signal number: Int32) throws {
        let temporary = TemporaryFolder(prefix: "clvsim-slow")
        let file = temporary.file("slow.json")
        try Self.slowScenario.write(to: file, atomically: true, encoding: .utf8)
        let folder = temporary.file("out").path
        let (process, _, err) = try ClvsimBinary.start(["run", file.path, "--out", folder, "--threads", "1", "--quiet"])
        usleep(1_000_000)
        #expect(process.isRunning, "the run should still be going when the signal is sent")
        kill(process.processIdentifier, number)
        let sent = Date()
        let stopped = process.waitUntilExit(within: 60)
        let waited = Date().timeIntervalSince(sent)
        #expect(stopped, "clvsim did not stop within 60 s of signal \(number)")
        let message = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(process.terminationStatus == 128 + number, "\(message)")
        // Stops well within a trial (which takes many seconds); 5 s leaves room for a loaded machine.
        #expect(waited < 5, "stopped \(waited) s after the signal")
        #expect(!FileManager.default.fileExists(atPath: folder + "/summary.json"))
    }
}
