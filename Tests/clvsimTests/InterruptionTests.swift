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
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("clvsim-int-\(UUID().uuidString)").path
        let first = try ClvsimBinary.run(["run", "scenarios/retention-strategies.json", "--trials", "128", "--out", folder, "--quiet"])
        #expect(first.status == 0, "\(first.standardError)")
        let before = try files(folder)
        #expect(Set(before.keys) == ["summary.json", "trials.csv", "report.html", "manifest.json"])

        let (process, _, err) = try ClvsimBinary.start(["run", "scenarios/retention-strategies.json", "--trials", "400000",
                                                        "--out", folder, "--threads", "2"])
        usleep(700_000)
        #expect(process.isRunning, "the run should still be going when the signal is sent")
        kill(process.processIdentifier, number)
        let deadline = Date().addingTimeInterval(30)
        while process.isRunning && Date() < deadline { usleep(20_000) }
        if process.isRunning {
            process.terminate()
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
}
