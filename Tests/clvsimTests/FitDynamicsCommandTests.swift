import ArgumentParser
import CLVTestSupport
import Foundation
import Testing
@testable import clvsim

/// `clvsim fit recency` and `clvsim fit migration`: errors, output and `--into` checks that need
/// no scenario support for the new models.
@Suite struct FitDynamicsCommandTests {
    static let transactions = RepositoryFiles.root().appendingPathComponent("scenarios/data/transactions.csv").path
    static let migration = RepositoryFiles.root().appendingPathComponent("scenarios/data/migration.csv").path

    @Test(arguments: [["fit", "recency", "--csv", "t.csv", "--states", "0"],
                      ["fit", "recency", "--csv", "t.csv", "--period", "fortnight"],
                      ["fit", "recency", "--csv", "t.csv", "--as-of", "2024-02-30"],
                      ["fit", "recency", "--csv", "t.csv", "--into", "s.json"],
                      ["fit", "recency"],
                      ["fit", "migration"],
                      ["fit", "migration", "--csv", "m.csv", "--segment", "basic"],
                      ["fit", "migration", "--csv", "m.csv", "--lost", ""]])
    func usageErrorsExitWith64(arguments: [String]) {
        do {
            _ = try CLVSim.parseAsRoot(arguments)
            Issue.record("expected a usage error for \(arguments)")
        } catch {
            #expect(CLVSim.exitCode(for: error).rawValue == 64, "\(arguments)")
        }
    }

    @Test func missingFileExitsWith66() throws {
        #expect(try runFit(["fit", "recency", "--csv", "/nonexistent/clvsim/t.csv"]).exitCode == 66)
        #expect(try runFit(["fit", "migration", "--csv", "/nonexistent/clvsim/m.csv"]).exitCode == 66)
    }

    @Test func recencyTableAndJSON() throws {
        let text = try runFit(["fit", "recency", "--csv", Self.transactions, "--states", "4", "--segment", "occasional"])
        #expect(text.exitCode == 0, "\(text.standardError)")
        #expect(text.standardOutput.contains("recency  exposures  purchases"))
        #expect(text.standardOutput.contains("\"model\" : \"recency\""))
        #expect(text.standardOutput.contains("\"name\" : \"occasional\""))
        #expect(text.standardOutput.contains("Prior: uniform"))
        let json = try runFit(["fit", "recency", "--csv", Self.transactions, "--states", "4", "--json"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.standardOutput.utf8)) as? [String: Any])
        let states = try #require(object["states"] as? [[String: Any]])
        #expect(states.count == 4)
        for state in states {
            let e = state["exposures"] as? Int ?? -1, x = state["purchases"] as? Int ?? -1
            #expect(state["alpha"] as? Double == Double(1 + x))
            #expect(state["beta"] as? Double == Double(1 + e - x))
            let interval = state["interval90"] as? [Double] ?? []
            #expect(interval.count == 2 && interval[0] < (state["mean"] as? Double ?? -1) && interval[1] > (state["mean"] as? Double ?? 2))
        }
        // Weekly periods and a window end: every purchase must lie before it.
        let weekly = try runFit(["fit", "recency", "--csv", Self.transactions, "--period", "week", "--as-of", "2024-06-30"])
        #expect(weekly.exitCode == 65)
        #expect(weekly.standardError.contains("after the end of the observation window 2024-06-30"))
    }

    @Test func migrationTableAndJSON() throws {
        let text = try runFit(["fit", "migration", "--csv", Self.migration])
        #expect(text.exitCode == 0, "\(text.standardError)")
        #expect(text.standardOutput.contains("from basic: 1400 renewed, 600 lost"))
        #expect(text.standardOutput.contains("Beta(169, 1233)"))
        let json = try runFit(["fit", "migration", "--csv", Self.migration, "--json", "--keep-retention"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.standardOutput.utf8)) as? [String: Any])
        let segments = try #require((object["fragment"] as? [String: Any])?["segments"] as? [[String: Any]])
        #expect(segments.map { $0["name"] as? String } == ["basic", "premium"])
        #expect(segments.allSatisfy { $0["retention"] == nil })
        #expect((segments[0]["migration"] as? [[String: Any]])?.first?["to"] as? String == "premium")
    }

    @Test func migrationIntoAScenarioWithoutTheSegmentNamesTheCSVLine() throws {
        let temporary = TemporaryFolder(prefix: "clvsim-fit")
        let folder = temporary.url
        let original = """
            {"schemaVersion": 1, "name": "tiers", "horizonPeriods": 24, "annualDiscountRate": 0.1,
             "segments": [{"name": "basic", "revenue": 10, "retention": {"model": "constant", "rate": 0.8}}]}
            """
        let scenario = try write(original, "tiers.json", in: folder)
        let outcome = try runFit(["fit", "migration", "--csv", Self.migration, "--into", scenario])
        #expect(outcome.exitCode == 65)
        #expect(outcome.standardError.hasPrefix("\(Self.migration):3: the scenario has no segment named \"premium\""), "\(outcome.standardError)")
        #expect(try String(contentsOfFile: scenario, encoding: .utf8) == original)
        let recency = try runFit(["fit", "recency", "--csv", Self.transactions, "--into", scenario, "--segment", "occasional"])
        #expect(recency.exitCode == 65)
        #expect(recency.standardError.contains("no segment named \"occasional\""))
        #expect(try String(contentsOfFile: scenario, encoding: .utf8) == original)
    }

    @Test func helpNamesTheCommandsAndOptions() {
        let fit = CLVSim.helpMessage(for: FitCommand.self)
        for word in ["recency", "migration"] { #expect(fit.contains(word)) }
        let recency = CLVSim.helpMessage(for: FitRecencyCommand.self)
        for option in ["--csv", "--states", "--period", "--as-of", "--json", "--into", "--segment"] {
            #expect(recency.contains(option), "\(option)")
        }
        let migration = CLVSim.helpMessage(for: FitMigrationCommand.self)
        for option in ["--csv", "--lost", "--keep-retention", "--json", "--into"] {
            #expect(migration.contains(option), "\(option)")
        }
        #expect(!migration.contains("--segment"))
    }
}

/// `--into` and `clvsim run` with the recency and migration fragments. These need a scenario
/// reader and kernel that know `"model": "recency"` and `"migration"` (docs/scenario-format.md).
@Suite struct FitDynamicsScenarioTests {
    /// Three segments: `occasional` for the recency fit, `basic` and `premium` for migration.
    static let scenario = """
        {"schemaVersion": 1, "name": "dynamics", "currency": "EUR", "periodsPerYear": 12, "horizonPeriods": 36,
         "annualDiscountRate": 0.1, "trials": 300, "seed": 7,
         "segments": [
           {"name": "occasional", "customers": 1000, "revenue": 70, "margin": 0.4,
            "retention": {"model": "constant", "rate": 0.8}},
           {"name": "basic", "customers": 2000, "revenue": 10, "margin": 0.5,
            "retention": {"model": "constant", "rate": 0.8}},
           {"name": "premium", "customers": 500, "revenue": 30, "margin": 0.5,
            "retention": {"model": "constant", "rate": 0.9}}],
         "acquisition": [{"segment": "basic", "fromPeriod": 1, "toPeriod": 12, "customersPerPeriod": 100}]}
        """

    @Test func recencyIntoWritesTheRecencyModel() throws {
        let temporary = TemporaryFolder(prefix: "clvsim-fit")
        let folder = temporary.url
        let scenario = try write(Self.scenario, "dynamics.json", in: folder)
        let outcome = try runFit(["fit", "recency", "--csv", FitDynamicsCommandTests.transactions, "--states", "5",
                                  "--into", scenario, "--segment", "occasional"])
        #expect(outcome.exitCode == 0, "\(outcome.standardError)")
        let root = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: scenario))) as? [String: Any]
        let segment = try #require((root?["segments"] as? [[String: Any]])?.first)
        let retention = try #require(segment["retention"] as? [String: Any])
        #expect(retention["model"] as? String == "recency")
        let probabilities = try #require(retention["purchaseProbability"] as? [[String: Any]])
        #expect(probabilities.count == 5)
        #expect(probabilities.allSatisfy { $0["dist"] as? String == "beta" && $0["alpha"] is Double && $0["beta"] is Double })
        #expect(segment["revenue"] as? Double == 70)
    }

    @Test func migrationIntoWritesEverySegment() throws {
        let temporary = TemporaryFolder(prefix: "clvsim-fit")
        let folder = temporary.url
        let scenario = try write(Self.scenario, "dynamics.json", in: folder)
        let outcome = try runFit(["fit", "migration", "--csv", FitDynamicsCommandTests.migration, "--into", scenario])
        #expect(outcome.exitCode == 0, "\(outcome.standardError)")
        #expect(outcome.standardOutput.contains("segments basic, premium"))
        let root = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: scenario))) as? [String: Any]
        let segments = try #require(root?["segments"] as? [[String: Any]])
        for (segment, to) in [(segments[1], "premium"), (segments[2], "basic")] {
            let moves = try #require(segment["migration"] as? [[String: Any]])
            #expect(moves.count == 1 && moves[0]["to"] as? String == to)
            #expect((moves[0]["probability"] as? [String: Any])?["dist"] as? String == "beta")
            #expect(((segment["retention"] as? [String: Any])?["rate"] as? [String: Any])?["dist"] as? String == "beta")
        }
        #expect(segments[0]["migration"] == nil)
    }

    @Test func fittedDynamicsFragmentsRun() throws {
        let temporary = TemporaryFolder(prefix: "clvsim-fit")
        let folder = temporary.url
        let scenario = try write(Self.scenario, "dynamics.json", in: folder)
        let recency = try ClvsimBinary.run(["fit", "recency", "--csv", "scenarios/data/transactions.csv",
                                            "--into", scenario, "--segment", "occasional"])
        #expect(recency.status == 0, "\(recency.standardError)")
        let migration = try ClvsimBinary.run(["fit", "migration", "--csv", "scenarios/data/migration.csv", "--into", scenario])
        #expect(migration.status == 0, "\(migration.standardError)")
        let validate = try ClvsimBinary.run(["validate", scenario])
        #expect(validate.status == 0, "\(validate.standardOutput)\(validate.standardError)")
        let run = try ClvsimBinary.run(["run", scenario, "--trials", "300", "--json",
                                        "--out", folder.appendingPathComponent("results").path])
        #expect(run.status == 0, "\(run.standardError)")
        let summary = try JSONSerialization.jsonObject(with: Data(run.standardOutput.utf8)) as? [String: Any]
        let segments = (summary?["segments"] as? [[String: Any]]) ?? []
        #expect(segments.count == 3)
        for segment in segments {
            let clv = segment["clv"] as? [String: Any]
            #expect((clv?["mean"] as? Double ?? 0) > 0, "\(segment["name"] ?? "?")")
            // The fitted inputs are uncertain, so CLV varies across trials.
            #expect((clv?["sd"] as? Double ?? 0) > 0, "\(segment["name"] ?? "?")")
        }
    }
}
