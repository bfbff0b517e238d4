import Foundation
import Testing
import CLVTestSupport

/// End-to-end tests of `clvsim run` on the built binary.
@Suite struct RunCommandTests {
    static let root = RepositoryFiles.root()

    /// This test's files; removed after the test.
    let temporary = TemporaryFolder(prefix: "clvsim-run")

    /// The summary JSON without the fields that legitimately differ between runs.
    func comparable(_ json: String) throws -> [String: Any] {
        var object = try #require(JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        var run = try #require(object["run"] as? [String: Any])
        run["elapsedSeconds"] = nil
        run["threads"] = nil
        object["run"] = run
        return object
    }

    @Test func summaryIsByteIdenticalForAnyThreadCount() throws {
        let folder = try temporary.subfolder()
        var documents: [String] = []
        for threads in [1, 2, 5] {
            let out = folder.appendingPathComponent("t\(threads)").path
            let run = try ClvsimBinary.run(["run", "scenarios/retention-strategies.json", "--trials", "600", "--seed", "9",
                                            "--threads", "\(threads)", "--out", out, "--json"])
            #expect(run.status == 0, "\(run.standardError)")
            let written = try String(contentsOfFile: out + "/summary.json", encoding: .utf8)
            #expect(written == run.standardOutput)
            // Byte-identical apart from run.threads and run.elapsedSeconds.
            let lines = written.split(separator: "\n").filter { !$0.contains("\"threads\"") && !$0.contains("\"elapsedSeconds\"") }
            documents.append(lines.joined(separator: "\n"))
        }
        #expect(documents[0] == documents[1])
        #expect(documents[0] == documents[2])
        let other = try ClvsimBinary.run(["run", "scenarios/retention-strategies.json", "--trials", "600", "--seed", "10",
                                          "--out", folder.appendingPathComponent("s10").path, "--json"])
        let a = try comparable(documents[0]), b = try comparable(other.standardOutput)
        #expect(NSDictionary(dictionary: a["metrics"] as? [String: Any] ?? [:]) != NSDictionary(dictionary: b["metrics"] as? [String: Any] ?? [:]))
    }

    @Test func summaryHasTheContractKeys() throws {
        let folder = try temporary.subfolder()
        let run = try ClvsimBinary.run(["run", "scenarios/retention-strategies.json", "--trials", "300",
                                        "--out", folder.path, "--json", "--discount-rates", "0.06,0.12"])
        #expect(run.status == 0, "\(run.standardError)")
        let object = try #require(JSONSerialization.jsonObject(with: Data(run.standardOutput.utf8)) as? [String: Any])
        #expect(object["schemaVersion"] as? Int == 1)
        let metrics = try #require(object["metrics"] as? [String: Any])
        for key in ["customerEquity", "currentCustomerValue", "newCustomerValue", "referralValue", "acquisitionSpend", "retentionSpend"] {
            let stat = try #require(metrics[key] as? [String: Any], "missing \(key)")
            for field in ["mean", "sd", "standardError", "intervals", "percentiles"] { #expect(stat[field] != nil, "\(key).\(field)") }
            let percentiles = try #require(stat["percentiles"] as? [String: Any])
            #expect(Set(percentiles.keys) == ["p1", "p5", "p10", "p25", "p50", "p75", "p90", "p95", "p99"])
        }
        let segments = try #require(object["segments"] as? [[String: Any]])
        #expect(!segments.isEmpty)
        for key in ["name", "clv", "clvWithReferrals", "residualClv", "ltvToCac"] { #expect(segments[0].keys.contains(key)) }
        let strategies = try #require(object["strategies"] as? [[String: Any]])
        #expect(strategies.count == 2)
        for key in ["incrementalValue", "cost", "netValue", "romi", "probabilityNetPositive", "probabilityBest"] {
            #expect(strategies[0].keys.contains(key))
        }
        let rates = try #require(object["discountRates"] as? [[String: Any]])
        #expect(rates.map { $0["rate"] as? Double } == [0.06, 0.12])
        #expect(!run.standardOutput.contains("NaN") && !run.standardOutput.contains("inf"))
    }

    @Test func tableNamesTheCurrencyAndTheSections() throws {
        let folder = try temporary.subfolder()
        let run = try ClvsimBinary.run(["run", "scenarios/subscription-box.json", "--trials", "200", "--out", folder.path])
        #expect(run.status == 0, "\(run.standardError)")
        #expect(run.standardOutput.contains("Customer equity (EUR)"))
        #expect(run.standardOutput.contains("monthly"))
        #expect(run.standardOutput.contains("90% interval"))
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("summary.json").path))
    }

    @Test func missingScenarioExits66() throws {
        let run = try ClvsimBinary.run(["run", "no/such/scenario.json", "--out", try temporary.subfolder().path])
        #expect(run.status == 66)
        #expect(run.standardError.contains("no/such/scenario.json"))
        #expect(run.standardError.split(separator: "\n").count == 1)
    }

    @Test func invalidScenarioExits65() throws {
        let folder = try temporary.subfolder()
        let file = folder.appendingPathComponent("bad.json")
        try #"{"schemaVersion": 1, "name": "bad", "horizonPeriods": 0, "annualDiscountRate": 0.1, "segments": []}"#
            .write(to: file, atomically: true, encoding: .utf8)
        let run = try ClvsimBinary.run(["run", file.path, "--out", folder.path])
        #expect(run.status == 65)
        #expect(run.standardError.contains("$.horizonPeriods"))
    }

    @Test func unwritableOutputExits73() throws {
        let folder = try temporary.subfolder()
        let blocker = folder.appendingPathComponent("file")
        try "x".write(to: blocker, atomically: true, encoding: .utf8)
        let run = try ClvsimBinary.run(["run", "scenarios/subscription-box.json", "--trials", "10",
                                        "--out", blocker.appendingPathComponent("sub").path])
        #expect(run.status == 73)
        #expect(run.standardError.contains("output folder"))
        #expect(run.standardError.split(separator: "\n").count == 1)
    }

    @Test func badOptionsAreUsageErrors() throws {
        for arguments in [["--trials", "0"], ["--threads", "0"], ["--discount-rates", "abc"]] {
            let run = try ClvsimBinary.run(["run", "scenarios/subscription-box.json"] + arguments)
            #expect(run.status == 64, "\(arguments): \(run.standardError)")
        }
    }

    /// The scenario file's warnings reach summary.json and the report, not only the terminal.
    @Test func scenarioWarningsAreInTheSummaryAndTheReport() throws {
        let folder = try temporary.subfolder()
        let file = folder.appendingPathComponent("ten.json")
        try """
            {"schemaVersion": 1, "name": "ten", "horizonPeriods": 12, "annualDiscountRate": 10, "trials": 64,
             "segments": [{"name": "s", "customers": 100, "retention": {"model": "constant", "rate": 0.9}, "revenue": 10}]}
            """.write(to: file, atomically: true, encoding: .utf8)
        let out = folder.appendingPathComponent("out")
        let run = try ClvsimBinary.run(["run", file.path, "--out", out.path])
        #expect(run.status == 0, "\(run.standardError)")
        #expect(run.standardError.contains("more than 100% a year"))
        let summary = try #require(JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent("summary.json"))) as? [String: Any])
        let warnings = try #require(summary["warnings"] as? [String])
        #expect(warnings.contains { $0.contains("$.annualDiscountRate") && $0.contains("more than 100% a year") }, "\(warnings)")
        let html = try String(contentsOf: out.appendingPathComponent("report.html"), encoding: .utf8)
        #expect(html.contains("more than 100% a year"))
        #expect(!html.contains("<p>None.</p>"))
    }
}

/// The analysis options of `clvsim run`.
@Suite struct RunAnalysisOptionTests {
    @Test func precisionRunReportsItsOutcome() throws {
        let temporary = TemporaryFolder(prefix: "clvsim-precision")
        let folder = temporary.file("out")
        let run = try ClvsimBinary.run(["run", "scenarios/subscription-box.json", "--precision", "0.02",
                                        "--out", folder.path, "--json"])
        #expect(run.status == 0, "\(run.standardError)")
        let object = try #require(JSONSerialization.jsonObject(with: Data(run.standardOutput.utf8)) as? [String: Any])
        let precision = try #require(object["precision"] as? [String: Any])
        #expect(precision["met"] as? Bool == true)
        let trials = try #require(precision["trials"] as? Int)
        #expect(trials % 1024 == 0)
        #expect((object["run"] as? [String: Any])?["trials"] as? Int == trials)
    }

    @Test func sensitivityForAChosenMetric() throws {
        let temporary = TemporaryFolder(prefix: "clvsim-sens")
        let folder = temporary.file("out")
        let run = try ClvsimBinary.run(["run", "scenarios/retention-strategies.json", "--trials", "500", "--json",
                                        "--sensitivity-metric", "strategies.loyalty-program.netValue", "--out", folder.path])
        #expect(run.status == 0, "\(run.standardError)")
        let object = try #require(JSONSerialization.jsonObject(with: Data(run.standardOutput.utf8)) as? [String: Any])
        let sensitivity = try #require(object["sensitivity"] as? [String: Any])
        #expect(sensitivity["metric"] as? String == "strategies.loyalty-program.netValue")
        let inputs = try #require(sensitivity["inputs"] as? [[String: Any]])
        #expect(!inputs.isEmpty)
        let bad = try ClvsimBinary.run(["run", "scenarios/retention-strategies.json", "--trials", "10",
                                        "--sensitivity-metric", "nope", "--out", folder.path])
        #expect(bad.status == 64)
        #expect(bad.standardError.contains("customerEquity"))
    }

    @Test func latinHypercubeRunAndConflictingOptions() throws {
        let temporary = TemporaryFolder(prefix: "clvsim-lhs")
        let folder = temporary.file("out")
        let run = try ClvsimBinary.run(["run", "scenarios/subscription-box.json", "--trials", "300", "--sampling", "lhs",
                                        "--json", "--out", folder.path])
        #expect(run.status == 0, "\(run.standardError)")
        #expect(run.standardOutput.contains("\"sampling\": \"latin-hypercube\""))
        for arguments in [["--precision", "0.01", "--sampling", "lhs"], ["--precision", "0.01", "--trials", "100"],
                          ["--max-trials", "5000"], ["--precision", "2"]] {
            let bad = try ClvsimBinary.run(["run", "scenarios/subscription-box.json"] + arguments)
            #expect(bad.status == 64, "\(arguments)")
        }
    }
}
