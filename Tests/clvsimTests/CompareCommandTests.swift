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
}
