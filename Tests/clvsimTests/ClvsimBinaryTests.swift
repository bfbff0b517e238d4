import Foundation
import Testing
import CLVTestSupport
import CLVCore

/// End-to-end runs of the built `clvsim` binary: the one next to the test bundle (same build
/// folder), else `.build/debug/clvsim`.
@Suite struct ClvsimBinaryTests {
    func clvsim(_ arguments: [String]) throws -> ClvsimBinary.Run {
        try ClvsimBinary.run(arguments)
    }

    @Test func validateAcceptsEveryExample() throws {
        let files = RepositoryFiles.scenarioFiles().map(\.path)
        let run = try clvsim(["validate"] + files)
        #expect(run.status == 0, "\(run.standardError)")
        #expect(run.standardOutput == "\(files.count) files valid\n")
    }

    @Test func validateListsProblemsAndExits65() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("clvsim-e2e-\(UUID().uuidString).json")
        defer { try? FileManager.default.removeItem(at: url) }
        try Data(#"{"schemaVersion": 1, "name": "x", "horizonPeriods": 0, "annualDiscountRate": 0.1, "segments": []}"#.utf8).write(to: url)
        let run = try clvsim(["validate", url.path])
        #expect(run.status == 65)
        let lines = run.standardError.split(separator: "\n").map(String.init)
        #expect(lines.count == 2)
        #expect(lines.contains { $0.hasPrefix("\(url.path): $.horizonPeriods: ") })
        #expect(lines.contains { $0.hasPrefix("\(url.path): $.segments: ") })
    }

    @Test func validateMissingFileExits66AndNoArgumentsExits64() throws {
        #expect(try clvsim(["validate", "no/such/file.json"]).status == 66)
        #expect(try clvsim(["validate"]).status == 64)
    }

    @Test func schemaPrintsTheSchema() throws {
        let run = try clvsim(["schema"])
        #expect(run.status == 0)
        #expect(run.standardOutput == ScenarioSchema.json + "\n")
    }
}
