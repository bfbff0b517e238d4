import ArgumentParser
import Foundation
import Testing
import CLVTestSupport
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
        let temporary = TemporaryFolder(prefix: "clvsim-fit")
        let folder = temporary.url
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

    @Test func fitIntoThenRunWithTheBuiltBinary() throws {
        let temporary = TemporaryFolder(prefix: "clvsim-fit")
        let folder = temporary.url
        let scenario = folder.appendingPathComponent("fitted-subscription.json").path
        try FileManager.default.copyItem(atPath: Self.root.appendingPathComponent("scenarios/fitted-subscription.json").path,
                                         toPath: scenario)
        let binary = ClvsimBinaryTests()
        for (kind, file) in [("retention", "cohorts.csv"), ("spend", "transactions.csv"), ("referrals", "referrals.csv")] {
            let fit = try binary.clvsim(["fit", kind, "--csv", "scenarios/data/\(file)", "--into", scenario, "--segment", "monthly"])
            #expect(fit.status == 0, "\(kind): \(fit.standardError)")
        }
        let validate = try binary.clvsim(["validate", scenario])
        #expect(validate.status == 0, "\(validate.standardOutput)\(validate.standardError)")
        let run = try binary.clvsim(["run", scenario, "--trials", "300", "--json",
                                     "--out", folder.appendingPathComponent("results").path])
        #expect(run.status == 0, "\(run.standardError)")
        let summary = try JSONSerialization.jsonObject(with: Data(run.standardOutput.utf8)) as? [String: Any]
        let segment = (summary?["segments"] as? [[String: Any]])?.first
        let clv = segment?["clv"] as? [String: Any]
        // The fitted inputs are uncertain, so CLV varies across trials: the fits' standard errors
        // (about 5% on α and β, 3% on revenue) give CLV a spread of several percent.
        let mean = clv?["mean"] as? Double ?? 0
        let sd = clv?["sd"] as? Double ?? 0
        #expect(mean > 0)
        #expect(sd > 0.02 * mean, "CLV mean \(mean), sd \(sd)")
        #expect(sd < 0.5 * mean, "CLV mean \(mean), sd \(sd)")
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("results/summary.json").path))
    }
}
