import Foundation
import Testing
import CLVTestSupport

/// End-to-end tests of the files `clvsim run` writes: each checked against the others.
@Suite struct OutputFilesTests {
    static let root = RepositoryFiles.root()

    /// This test's files; removed after the test.
    let temporary = TemporaryFolder(prefix: "clvsim-out")

    func json(_ path: String) throws -> [String: Any] {
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        return try #require(JSONSerialization.jsonObject(with: data) as? [String: Any], "\(path) is not a JSON object")
    }

    /// Hex SHA-256 of a file, computed by coreutils' sha256sum (independent of clvsim's own).
    func sha256(_ path: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["sha256sum", path]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(String(decoding: data, as: UTF8.self).prefix(64))
    }

    /// Simple RFC 4180 reader (no quoted fields expected in these files' data rows).
    func records(_ path: String) throws -> [[String]] {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text.hasSuffix("\r\n"))
        return text.split(separator: "\r\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
    }

    func mean(_ records: [[String]], column name: String) throws -> Double {
        let index = try #require(records.first?.firstIndex(of: name), "no column \(name)")
        let values = records.dropFirst().compactMap { Double($0[index]) }
        return values.reduce(0, +) / Double(values.count)
    }

    func statMean(_ object: [String: Any], _ path: [String]) throws -> Double {
        var node: Any = object
        for key in path {
            if let array = node as? [[String: Any]] { node = try #require(array.first { $0["name"] as? String == key }) } else {
                node = try #require((node as? [String: Any])?[key], "missing \(key)")
            }
        }
        return try #require((node as? [String: Any])?["mean"] as? Double)
    }

    @Test func filesAgreeWithEachOther() throws {
        let folder = try temporary.subfolder().path
        let scenario = "scenarios/retention-strategies.json"
        let run = try ClvsimBinary.run(["run", scenario, "--trials", "640", "--seed", "4", "--out", folder, "--quiet"])
        #expect(run.status == 0, "\(run.standardError)")
        #expect(run.standardError.isEmpty)
        let names = try FileManager.default.contentsOfDirectory(atPath: folder).sorted()
        #expect(names == ["manifest.json", "report.html", "summary.json", "trials.csv"])

        let summary = try json(folder + "/summary.json")
        let manifest = try json(folder + "/manifest.json")
        let rows = try records(folder + "/trials.csv")
        #expect(rows.count == 1 + 640)
        #expect(rows.first?.first == "trial")
        #expect(rows.dropFirst().allSatisfy { $0.count == rows[0].count })

        // Column means equal the summary's means.
        for (column, path) in [("customerEquity", ["metrics", "customerEquity"]),
                               ("currentCustomerValue", ["metrics", "currentCustomerValue"]),
                               ("segments.premium.clv", ["segments", "premium", "clv"]),
                               ("strategies.loyalty-program.netValue", ["strategies", "loyalty-program", "netValue"])] {
            let fromCSV = try mean(rows, column: column)
            let fromSummary = try statMean(summary, path)
            #expect(abs(fromCSV - fromSummary) <= 1e-9 * abs(fromSummary), "\(column): \(fromCSV) vs \(fromSummary)")
        }
        // Drawn inputs are named by scenario path and stay in their distribution's range.
        let margins = try #require(rows.first?.firstIndex(of: "segments.standard.margin"))
        #expect(rows.dropFirst().allSatisfy { (Double($0[margins]) ?? -1) >= 0.3 && (Double($0[margins]) ?? 2) <= 0.4 })
        #expect(rows.first?.contains("segments.premium.retention.rate") == true)

        // One hash everywhere: the scenario file, the summary and the manifest.
        let hash = try sha256(Self.root.appendingPathComponent(scenario).path)
        let summaryScenario = try #require(summary["scenario"] as? [String: Any])
        let manifestScenario = try #require(manifest["scenario"] as? [String: Any])
        #expect(summaryScenario["sha256"] as? String == hash)
        #expect(manifestScenario["sha256"] as? String == hash)
        #expect(manifestScenario["file"] as? String == scenario)
        let copy = try #require(manifestScenario["document"] as? [String: Any])
        let original = try json(Self.root.appendingPathComponent(scenario).path)
        #expect(NSDictionary(dictionary: copy) == NSDictionary(dictionary: original))
        let summaryRun = try #require(summary["run"] as? [String: Any])
        let manifestRun = try #require(manifest["run"] as? [String: Any])
        for key in ["trials", "seed", "threads"] { #expect(summaryRun[key] as? Int == manifestRun[key] as? Int, "\(key)") }
        #expect(manifestRun["trials"] as? Int == 640)
        #expect(summaryRun["elapsedSeconds"] as? Double == manifestRun["elapsedSeconds"] as? Double)
        #expect(manifest["version"] as? String == summaryRun["version"] as? String)
        #expect((manifestRun["cores"] as? Int ?? 0) >= 1)
        #expect(manifest["files"] as? [String] == ["summary.json", "trials.csv", "report.html"])

        // The report shows the summary's headline number, rounded to its standard error's
        // second significant digit.
        let html = try String(contentsOfFile: folder + "/report.html", encoding: .utf8)
        let equity = try statMean(summary, ["metrics", "customerEquity"])
        let error = try #require(((summary["metrics"] as? [String: Any])?["customerEquity"] as? [String: Any])?["standardError"] as? Double)
        let unit = pow(10, log10(error).rounded(.down) - 1)
        #expect(html.contains(">GBP\u{00A0}\(grouped((equity / unit).rounded() * unit))</span>"), "\(equity) ± \(error)")
        #expect(!html.contains("http://") && !html.contains("https://") && !html.contains("<script"))
    }

    /// Whole-number grouping as the report prints amounts of 100 and more.
    func grouped(_ x: Double) -> String {
        let digits = String(Int(abs(x).rounded()))
        var out = ""
        for (i, ch) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(ch)
        }
        return (x < 0 ? "-" : "") + out
    }

    @Test func noTrialsSkipsTheCSVAndRemovesAStaleOne() throws {
        let folder = try temporary.subfolder().path
        let first = try ClvsimBinary.run(["run", "scenarios/subscription-box.json", "--trials", "64", "--out", folder, "--quiet"])
        #expect(first.status == 0, "\(first.standardError)")
        #expect(FileManager.default.fileExists(atPath: folder + "/trials.csv"))
        let second = try ClvsimBinary.run(["run", "scenarios/subscription-box.json", "--trials", "64", "--out", folder, "--no-trials"])
        #expect(second.status == 0, "\(second.standardError)")
        #expect(!FileManager.default.fileExists(atPath: folder + "/trials.csv"))
        #expect(try json(folder + "/manifest.json")["files"] as? [String] == ["summary.json", "report.html"])
        #expect(second.standardOutput.contains("report.html"))
        #expect(!second.standardOutput.contains("trials.csv"))
    }

    @Test func defaultFolderIsResultsSlashScenarioName() throws {
        let directory = try temporary.subfolder()
        let scenario = Self.root.appendingPathComponent("scenarios/subscription-box.json").path
        let run = try ClvsimBinary.run(["run", scenario, "--trials", "64", "--quiet"], in: directory)
        #expect(run.status == 0, "\(run.standardError)")
        let written = try FileManager.default.contentsOfDirectory(atPath: directory.path + "/results/subscription-box").sorted()
        #expect(written == ["manifest.json", "report.html", "summary.json", "trials.csv"])
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["results"])
    }

    @Test func aFolderInAFilesPlaceFailsWithoutReplacingAnything() throws {
        let folder = try temporary.subfolder().path
        let first = try ClvsimBinary.run(["run", "scenarios/subscription-box.json", "--trials", "64", "--out", folder, "--quiet"])
        #expect(first.status == 0, "\(first.standardError)")
        let summary = try Data(contentsOf: URL(fileURLWithPath: folder + "/summary.json"))
        try FileManager.default.removeItem(atPath: folder + "/report.html")
        try FileManager.default.createDirectory(atPath: folder + "/report.html", withIntermediateDirectories: false)
        let second = try ClvsimBinary.run(["run", "scenarios/subscription-box.json", "--trials", "64", "--seed", "2", "--out", folder, "--quiet"])
        #expect(second.status == 73)
        #expect(second.standardError.contains("report.html"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: folder + "/summary.json")) == summary)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder).sorted() == ["manifest.json", "report.html", "summary.json", "trials.csv"])
    }
}
