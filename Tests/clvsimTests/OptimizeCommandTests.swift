import Foundation
import Testing
import CLVTestSupport

/// End-to-end tests of `clvsim optimize` on the built binary: help, exit codes, the JSON and
/// the files it writes.
@Suite struct OptimizeCommandTests {
    /// This test's files; removed after the test.
    let temporary = TemporaryFolder(prefix: "clvsim-optimize")

    /// A small scenario: yearly periods, one decision (acquisition spend per prospect) and an
    /// uncertain retention response at a fixed spend.
    static let small = """
        {"schemaVersion": 1, "name": "small", "horizonPeriods": 10, "annualDiscountRate": 0.1, "periodsPerYear": 1,
         "trials": 64, "seed": 3, "currency": "EUR",
         "decisions": [{"name": "ads", "min": 0, "max": 50, "value": 5}],
         "segments": [{"name": "s", "customers": 100, "revenue": 100,
            "retention": {"model": "constant", "rate": {"response": "exponential", "floor": 0.5,
               "ceiling": {"dist": "uniform", "min": 0.8, "max": 0.9}, "k": 0.2, "spend": 3}}}],
         "acquisition": [{"segment": "s", "fromPeriod": 1, "toPeriod": 2, "prospectsPerPeriod": 2000,
            "conversion": {"response": "exponential", "ceiling": 0.3, "k": {"dist": "uniform", "min": 0.04, "max": 0.06}, "spend": "ads"}}]}
        """

    @Test func helpShowsTheOptionsAndAnExample() throws {
        let run = try ClvsimBinary.run(["optimize", "--help"])
        #expect(run.status == 0)
        for text in ["--objective", "--budget", "--trials", "--seed", "--threads", "--json", "--out", "--replications",
                     "clvsim optimize scenarios/retention-vs-acquisition.json", "Exit codes"] {
            #expect(run.standardOutput.contains(text), "missing \(text)")
        }
    }

    @Test func badOptionsAreUsageErrors() throws {
        for arguments in [["--objective", "p200"], ["--objective", "median"], ["--budget", "-5"], ["--trials", "0"],
                          ["--replications", "99"]] {
            let run = try ClvsimBinary.run(["optimize", "scenarios/retention-vs-acquisition.json"] + arguments)
            #expect(run.status == 64, "\(arguments): \(run.standardError)")
        }
    }

    @Test func scenarioWithoutDecisionsExits65() throws {
        let run = try ClvsimBinary.run(["optimize", "scenarios/subscription-box.json", "--out", try temporary.subfolder().path])
        #expect(run.status == 65)
        #expect(run.standardError.contains("no decisions"))
    }

    @Test func missingScenarioExits66() throws {
        let run = try ClvsimBinary.run(["optimize", "no/such/file.json", "--out", try temporary.subfolder().path])
        #expect(run.status == 66)
    }

    @Test func invalidResponseExits65WithPathAndFix() throws {
        let folder = try temporary.subfolder()
        let file = folder.appendingPathComponent("bad.json")
        try Self.small.replacingOccurrences(of: "\"spend\": \"ads\"", with: "\"spend\": \"adz\"")
            .write(to: file, atomically: true, encoding: .utf8)
        let run = try ClvsimBinary.run(["optimize", file.path, "--out", folder.path])
        #expect(run.status == 65)
        #expect(run.standardError.contains("$.acquisition[0].conversion.spend"), "\(run.standardError)")
        #expect(run.standardError.contains("ads"))
    }

    @Test func jsonShapeAndFiles() throws {
        let folder = try temporary.subfolder()
        let file = folder.appendingPathComponent("small.json")
        try Self.small.write(to: file, atomically: true, encoding: .utf8)
        let out = folder.appendingPathComponent("out")
        let run = try ClvsimBinary.run(["optimize", file.path, "--budget", "150000", "--replications", "1", "--json",
                                        "--out", out.path])
        #expect(run.status == 0, "\(run.standardError)")
        let object = try #require(JSONSerialization.jsonObject(with: Data(run.standardOutput.utf8)) as? [String: Any])
        #expect(object["objective"] as? String == "mean")
        let optimum = try #require(object["optimum"] as? [String: Any])
        let decisions = try #require(optimum["decisions"] as? [[String: Any]])
        #expect(decisions.count == 1)
        for key in ["name", "value", "min", "max", "tolerance", "replicationSD", "replications"] { #expect(decisions[0][key] != nil, "\(key)") }
        let value = try #require(decisions[0]["value"] as? Double)
        #expect(value >= 0 && value <= 50)
        let equity = try #require(optimum["customerEquity"] as? [String: Any])
        for key in ["mean", "sd", "standardError", "intervals", "percentiles"] { #expect(equity[key] != nil, "\(key)") }
        let spend = try #require(object["spend"] as? [String: Any])
        for key in ["spend", "budget", "binds", "marginalValue"] { #expect(spend[key] != nil, "\(key)") }
        #expect((spend["spend"] as? Double ?? .infinity) <= 150000 * 1.001)
        let profiles = try #require(object["profiles"] as? [[String: Any]])
        #expect((profiles.first?["values"] as? [Double])?.count == 9)
        #expect((object["evaluations"] as? Int ?? 0) > 5)
        let written = try String(contentsOf: out.appendingPathComponent("optimization.json"), encoding: .utf8)
        #expect(written == run.standardOutput)
        let html = try String(contentsOf: out.appendingPathComponent("report.html"), encoding: .utf8)
        #expect(html.contains("id=\"chart-optimize-response\""))
        let summary = try #require(JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent("summary.json"))) as? [String: Any])
        let metrics = try #require(summary["metrics"] as? [String: Any])
        #expect(metrics["retentionSpend"] != nil)
        let csv = try String(contentsOf: out.appendingPathComponent("trials.csv"), encoding: .utf8)
        #expect(csv.split(separator: "\n").first?.contains("retentionSpend") == true)
    }

    /// The table names the decisions and the response; the same seed gives the same optimum
    /// for 1 and 2 threads.
    @Test func tableAndThreadIndependence() throws {
        let folder = try temporary.subfolder()
        let file = folder.appendingPathComponent("small.json")
        try Self.small.write(to: file, atomically: true, encoding: .utf8)
        var optima: [String] = []
        for threads in [1, 2] {
            let run = try ClvsimBinary.run(["optimize", file.path, "--replications", "0", "--threads", "\(threads)", "--json",
                                            "--out", folder.appendingPathComponent("t\(threads)").path])
            #expect(run.status == 0, "\(run.standardError)")
            let object = try #require(JSONSerialization.jsonObject(with: Data(run.standardOutput.utf8)) as? [String: Any])
            optima.append("\(((object["optimum"] as? [String: Any])?["decisions"] as? [[String: Any]])?.first?["value"] ?? "")")
        }
        #expect(optima[0] == optima[1])
        let table = try ClvsimBinary.run(["optimize", file.path, "--replications", "0", "--out", folder.appendingPathComponent("table").path])
        #expect(table.status == 0)
        #expect(table.standardOutput.contains("ads"))
        #expect(table.standardOutput.contains("Response to ads"))
        #expect(table.standardOutput.contains("Customer equity at the optimum"))
    }
}
