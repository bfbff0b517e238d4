import Foundation
import Testing
import CLVTestSupport

/// `clvsim run` on valid scenarios with huge finite values never dies of a signal: the report
/// renders whatever the numbers (docs/results.md), and growth that would overflow is rejected by
/// the reader with exit 65 (docs/scenario-format.md, "Limits").
@Suite struct ExtremeValueRunTests {
    /// This test's files; removed after the test.
    let temporary = TemporaryFolder(prefix: "clvsim-extreme")

    func scenarioFile(_ segment: String, periodsPerYear: Int = 12, horizon: Int = 60) throws -> (file: String, out: String) {
        let folder = try temporary.subfolder()
        let text = """
            {"schemaVersion": 1, "name": "extreme", "periodsPerYear": \(periodsPerYear), "horizonPeriods": \(horizon),
             "annualDiscountRate": 0.1,
             "segments": [{"name": "all", "customers": 1000, "retention": {"model": "constant", "rate": 0.9}, \(segment)}]}
            """
        let file = folder.appendingPathComponent("extreme.json")
        try Data(text.utf8).write(to: file)
        return (file.path, folder.appendingPathComponent("out").path)
    }

    @Test func hugeRevenueDoesNotKillTheRun() throws {
        for revenue in ["1e306", "1.797e308", "{\"dist\": \"uniform\", \"min\": 1e300, \"max\": 1.7e308}"] {
            let (file, out) = try scenarioFile("\"revenue\": \(revenue)")
            let run = try ClvsimBinary.run(["run", file, "--trials", "200", "--out", out, "--quiet"])
            #expect(!run.signalled, "revenue \(revenue): killed by signal \(run.status)")
            #expect(run.status == 0 || run.status == 70, "revenue \(revenue): exit \(run.status): \(run.standardError)")
            if run.status == 0 {
                let html = try String(contentsOfFile: out + "/report.html", encoding: .utf8)
                #expect(html.contains("</html>"))
            }
        }
    }

    @Test func overflowingGrowthIsRejected() throws {
        for (growth, perYear, horizon) in [("3", 1, 1000), ("1.797e308", 12, 60)] {
            let (file, out) = try scenarioFile("\"revenue\": 10, \"revenueGrowth\": \(growth)", periodsPerYear: perYear, horizon: horizon)
            for command in [["run", file, "--trials", "200", "--out", out, "--quiet"], ["validate", file]] {
                let run = try ClvsimBinary.run(command)
                #expect(!run.signalled, "\(command[0]) growth \(growth): killed by signal \(run.status)")
                #expect(run.status == 65, "\(command[0]) growth \(growth): exit \(run.status)")
                #expect(run.standardError.contains("$.segments[0].revenueGrowth"), "\(run.standardError)")
                #expect(run.standardError.contains("—"), "\(run.standardError)")
            }
        }
    }

    /// A run whose metrics overflow publishes nothing: exit 70, the count of such trials named,
    /// no summary built on the other trials.
    @Test func overflowingMetricsExit70AndWriteNothing() throws {
        let (file, out) = try scenarioFile("\"revenue\": 1e306")
        let run = try ClvsimBinary.run(["run", file, "--trials", "64", "--out", out])
        #expect(run.status == 70, "\(run.standardError)")
        #expect(run.standardError.contains("not finite numbers in 64 of 64 trials"))
        #expect(!FileManager.default.fileExists(atPath: out + "/summary.json"))
    }
}
