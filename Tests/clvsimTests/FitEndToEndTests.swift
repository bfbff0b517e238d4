import ArgumentParser
import Foundation
import Testing
@testable import clvsim

/// fit → --into → run on the example data of `scenarios/data/`.
@Suite struct FitEndToEndTests {
    /// The package root, found from this file's path.
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// Copies the example scenario into a fresh folder and fits all three models into it.
    func fittedScenario(in folder: URL) throws -> String {
        let scenario = folder.appendingPathComponent("fitted-subscription.json").path
        try FileManager.default.copyItem(atPath: Self.root.appendingPathComponent("scenarios/fitted-subscription.json").path,
                                         toPath: scenario)
        let data = Self.root.appendingPathComponent("scenarios/data")
        for (kind, file) in [("retention", "cohorts.csv"), ("spend", "transactions.csv"), ("referrals", "referrals.csv")] {
            let outcome = try runFit(["fit", kind, "--csv", data.appendingPathComponent(file).path,
                                      "--into", scenario, "--segment", "monthly"])
            #expect(outcome.exitCode == 0, "\(kind): \(outcome.standardError)")
        }
        return scenario
    }

    @Test func fitsWriteEveryModelIntoTheScenario() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let scenario = try fittedScenario(in: folder)
        let root = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: scenario))) as? [String: Any]
        let segment = try #require((root?["segments"] as? [[String: Any]])?.first)
        let retention = segment["retention"] as? [String: Any]
        #expect(retention?["model"] as? String == "sbg")
        #expect((retention?["alpha"] as? [String: Any])?["dist"] as? String == "gamma")
        #expect((segment["revenue"] as? [String: Any])?["dist"] as? String == "gamma")
        #expect((segment["revenueVariation"] as? [String: Any])?["shape"] is Double)
        let referrals = segment["referrals"] as? [String: Any]
        #expect(referrals?["cyclePeriods"] as? Int == 2)
        #expect((referrals?["coefficient"] as? [String: Any])?["dist"] as? String == "gamma")
        #expect(segment["margin"] as? Double == 0.4)
        #expect((root?["acquisition"] as? [Any])?.count == 1)
        #expect((root?["correlations"] as? [Any])?.count == 1)
    }

    @Test(.disabled("needs clvsim run"))
    func fittedScenarioRuns() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let scenario = try fittedScenario(in: folder)
        var run = try CLVSim.parseAsRoot(["run", scenario, "--trials", "200", "--out",
                                          folder.appendingPathComponent("results").path, "--quiet"])
        try run.run()
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("results/summary.json").path))
    }
}
