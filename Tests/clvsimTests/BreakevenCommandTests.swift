import Foundation
import Testing
import CLVTestSupport

/// `clvsim breakeven` on the built binary: help, exit codes and the JSON document
/// (docs/strategies.md, "Break-even: how big must the effect be?").
@Suite struct BreakevenCommandTests {
    /// This test's files; removed after the test.
    let temporary = TemporaryFolder(prefix: "clvsim-breakeven")

    /// A small scenario file with one strategy whose changes are `changes` (JSON).
    func scenarioFile(changes: String) throws -> String {
        let text = """
        {"schemaVersion": 1, "name": "be", "horizonPeriods": 12, "periodsPerYear": 1, "annualDiscountRate": 0.1, "trials": 200,
         "segments": [{"name": "s", "customers": 1000, "retention": {"model": "constant", "rate": 0.8}, "revenue": 1}],
         "strategies": [{"name": "lift", "changes": \(changes), "cost": {"upfront": 700}}]}
        """
        let url = try temporary.subfolder().appendingPathComponent("be.json")
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }

    @Test func helpNamesTheOptionsAndExitCodes() throws {
        let run = try ClvsimBinary.run(["breakeven", "--help"])
        #expect(run.status == 0)
        for text in ["--strategy", "--change", "--probability", "--trials", "--seed", "--json", "--out", "Exit codes", "64", "65"] {
            #expect(run.standardOutput.contains(text), "\(text)")
        }
        let top = try ClvsimBinary.run(["--help"])
        #expect(top.standardOutput.contains("breakeven"))
    }

    @Test func jsonHasTheContractKeys() throws {
        let file = try scenarioFile(changes: #"[{"target": "segments.s.retention.rate", "add": 0.02}]"#)
        let run = try ClvsimBinary.run(["breakeven", file, "--strategy", "lift", "--probability", "0.8", "--trials", "400",
                                        "--seed", "5", "--json"])
        #expect(run.status == 0, "\(run.standardError)")
        let object = try #require(JSONSerialization.jsonObject(with: Data(run.standardOutput.utf8)) as? [String: Any])
        #expect(object["strategy"] as? String == "lift")
        #expect(object["change"] as? Int == 0)
        #expect(object["target"] as? String == "segments.s.retention.rate")
        #expect(object["operation"] as? String == "add")
        #expect(object["trials"] as? Int == 400)
        #expect(object["seed"] as? Int == 5)
        #expect((object["evaluations"] as? Int ?? 0) > 3)
        for key in ["breakEvenMean", "breakEvenProbability"] {
            let estimate = try #require(object[key] as? [String: Any], "\(key)")
            for field in ["size", "lower", "upper", "standardError"] { #expect(estimate[field] is Double, "\(key).\(field)") }
            let size = try #require(estimate["size"] as? Double)
            #expect((estimate["lower"] as? Double ?? .infinity) < size && size < (estimate["upper"] as? Double ?? -.infinity))
        }
        // The same seed gives the same document, whatever the number of threads.
        let again = try ClvsimBinary.run(["breakeven", file, "--strategy", "lift", "--probability", "0.8", "--trials", "400",
                                          "--seed", "5", "--json", "--threads", "1"])
        #expect(again.standardOutput == run.standardOutput)
    }

    @Test func tableAndOutputFolder() throws {
        let file = try scenarioFile(changes: #"[{"target": "segments.s.retention.rate", "multiply": 1.02}]"#)
        let out = try temporary.subfolder().appendingPathComponent("out").path
        let run = try ClvsimBinary.run(["breakeven", file, "--strategy", "lift", "--trials", "200", "--out", out])
        #expect(run.status == 0, "\(run.standardError)")
        #expect(run.standardOutput.contains("expected net value = 0"))
        #expect(run.standardOutput.contains("multiply segments.s.retention.rate by"))
        let html = try String(contentsOfFile: out + "/report.html", encoding: .utf8)
        #expect(html.contains("id=\"chart-breakeven-curve\""))
        let json = try String(contentsOfFile: out + "/breakeven.json", encoding: .utf8)
        #expect(json.contains("\"operation\": \"multiply\""))
    }

    @Test func noBreakEvenIsStatedWithExitZero() throws {
        let file = try scenarioFile(changes: #"[{"target": "segments.s.retention.rate", "add": 0.02}, {"target": "segments.s.revenue", "multiply": 3}]"#)
        let run = try ClvsimBinary.run(["breakeven", file, "--strategy", "lift", "--trials", "100", "--json"])
        #expect(run.status == 0, "\(run.standardError)")
        let object = try #require(JSONSerialization.jsonObject(with: Data(run.standardOutput.utf8)) as? [String: Any])
        #expect(object["breakEvenMean"] is NSNull)
        #expect((object["breakEvenMeanReason"] as? String)?.contains("above") == true)
    }

    @Test func refusesWhatItCannotSearchWithExit64() throws {
        let file = try scenarioFile(changes: #"[{"target": "segments.s.retention.rate", "add": 0.02}, {"target": "segments.s.revenue", "set": 2}]"#)
        let unknown = try ClvsimBinary.run(["breakeven", file, "--strategy", "Lift"])
        #expect(unknown.status == 64)
        #expect(unknown.standardError.contains("--strategy") && unknown.standardError.contains("did you mean \"lift\""), "\(unknown.standardError)")
        let range = try ClvsimBinary.run(["breakeven", file, "--strategy", "lift", "--change", "2"])
        #expect(range.status == 64)
        #expect(range.standardError.contains("--change"), "\(range.standardError)")
        let set = try ClvsimBinary.run(["breakeven", file, "--strategy", "lift", "--change", "1"])
        #expect(set.status == 64)
        #expect(set.standardError.contains("no size to scale"), "\(set.standardError)")
        for p in ["0", "1", "1.5", "-0.2"] {
            let bad = try ClvsimBinary.run(["breakeven", file, "--strategy", "lift", "--probability", p])
            #expect(bad.status == 64, "\(p)")
            #expect(bad.standardError.contains("--probability"), "\(p): \(bad.standardError)")
        }
        let missing = try ClvsimBinary.run(["breakeven", "/nonexistent/scenario.json", "--strategy", "lift"])
        #expect(missing.status == 66)
    }
}
