import Foundation
import Testing
import CLVTestSupport

/// End-to-end tests of `clvsim compare` on the built binary.
@Suite struct CompareCommandTests {
    @Test func comparesTwoExampleFiles() throws {
        let run = try ClvsimBinary.run(["compare", "scenarios/subscription-box.json", "scenarios/subscription-box-price-rise.json",
                                        "--trials", "400", "--json"])
        #expect(run.status == 0, "\(run.standardError)")
        let object = try #require(JSONSerialization.jsonObject(with: Data(run.standardOutput.utf8)) as? [String: Any])
        let alternatives = try #require(object["alternatives"] as? [[String: Any]])
        #expect(alternatives.count == 1)
        let p = try #require(alternatives[0]["probabilityBetter"] as? Double)
        #expect((0...1).contains(p))
        let differences = try #require(alternatives[0]["differences"] as? [String: Any])
        let ce = try #require(differences["customerEquity"] as? [String: Any])
        #expect(ce["mean"] is Double && ce["standardError"] is Double)
        #expect(differences["segments.monthly.clv"] != nil)
        let table = try ClvsimBinary.run(["compare", "scenarios/subscription-box.json", "scenarios/subscription-box-price-rise.json",
                                          "--trials", "200"])
        #expect(table.status == 0)
        #expect(table.standardOutput.contains("P(customer equity higher than the base)"))
    }

    @Test func unpairableFilesExit65SayingWhatDiffers() throws {
        let run = try ClvsimBinary.run(["compare", "scenarios/subscription-box.json", "scenarios/retention-strategies.json", "--trials", "10"])
        #expect(run.status == 65)
        #expect(run.standardError.contains("segments differ"))
        #expect(run.standardError.contains("horizonPeriods differ"))
    }

    @Test func missingAlternativeExits66AndNoAlternativeIsAUsageError() throws {
        let missing = try ClvsimBinary.run(["compare", "scenarios/subscription-box.json", "no/such.json"])
        #expect(missing.status == 66)
        let none = try ClvsimBinary.run(["compare", "scenarios/subscription-box.json"])
        #expect(none.status == 64)
    }

    /// A file compared with itself is identical in every trial, and says so (not "P = 50%").
    @Test func aFileComparedWithItselfIsIdentical() throws {
        let table = try ClvsimBinary.run(["compare", "scenarios/subscription-box.json", "scenarios/subscription-box.json", "--trials", "100"])
        #expect(table.status == 0)
        #expect(table.standardOutput.contains("identical to the base in every trial"))
        #expect(!table.standardOutput.contains("P(customer equity higher"))
        let json = try ClvsimBinary.run(["compare", "scenarios/subscription-box.json", "scenarios/subscription-box.json", "--trials", "100", "--json"])
        let object = try #require(JSONSerialization.jsonObject(with: Data(json.standardOutput.utf8)) as? [String: Any])
        #expect((object["alternatives"] as? [[String: Any]])?.first?["identical"] as? Bool == true)
    }

    /// --out writes comparison.json and each file's run files; --discount-rates compares customer
    /// equity at the extra rates; a strategy only one file has is named, not ignored.
    @Test func outputFolderRatesAndStrategies() throws {
        let temporary = TemporaryFolder(prefix: "clvsim-compare")
        let folder = temporary.file("out")
        let withStrategy = temporary.file("with-strategy.json")
        var text = try String(contentsOf: RepositoryFiles.root().appendingPathComponent("scenarios/subscription-box-price-rise.json"), encoding: .utf8)
        let closing = try #require(text.range(of: "}", options: .backwards))
        text.replaceSubrange(closing, with: #", "strategies": [{"name": "welcome-call", "changes": [{"target": "annualDiscountRate", "add": 0}], "cost": {"upfront": 1000}}]}"#)
        try text.write(to: withStrategy, atomically: true, encoding: .utf8)
        let run = try ClvsimBinary.run(["compare", "scenarios/subscription-box.json", withStrategy.path, "--trials", "200",
                                        "--discount-rates", "0.05", "--out", folder.path])
        #expect(run.status == 0, "\(run.standardError)")
        #expect(run.standardOutput.contains("strategies only in this file"))
        #expect(run.standardOutput.contains("welcome-call"))
        let document = try #require(JSONSerialization.jsonObject(with: Data(contentsOf: folder.appendingPathComponent("comparison.json"))) as? [String: Any])
        let differences = try #require((document["alternatives"] as? [[String: Any]])?.first?["differences"] as? [String: Any])
        #expect(differences["customerEquityAtRate.0.05"] != nil)
        for name in ["0-subscription-box", "1-subscription-box-price-rise"] {
            for file in ["summary.json", "trials.csv", "report.html", "manifest.json"] {
                let path = folder.appendingPathComponent(name).appendingPathComponent(file).path
                #expect(FileManager.default.fileExists(atPath: path), "\(path)")
            }
        }
    }
}
