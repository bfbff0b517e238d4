import ArgumentParser
import Foundation
import Testing
import CLVTestSupport
@testable import clvsim

/// Writes `text` to `name` in `folder` and returns its path.
func write(_ text: String, _ name: String, in folder: URL) throws -> String {
    let url = folder.appendingPathComponent(name)
    try Data(text.utf8).write(to: url)
    return url.path
}

/// Parses `arguments` as a `clvsim` command line and runs the fit subcommand in process.
func runFit(_ arguments: [String]) throws -> CommandOutcome {
    let command = try CLVSim.parseAsRoot(arguments)
    guard let fit = command as? any FitSubcommand else {
        Issue.record("not a fit command: \(arguments)")
        return CommandOutcome(exitCode: -1, standardOutput: "", standardError: "")
    }
    return fit.execute()
}

@Suite struct FitCommandTests {
    static let malformed: [(kind: String, text: String, line: Int)] = [
        ("retention", "cohort,period,active\nA,0,100\nA,1,120\n", 3),              // survivors increase
        ("retention", "A,1,100\nA,2,80\n", 1),                                      // no period 0
        ("retention", "A,0,100\nA,1,90\nA,3,70\n", 3),                              // a missing period
        ("retention", "A,0,100\nA,1,abc\n", 2),                                     // count not a number
        ("retention", "A,0,100\nA,1,-5\n", 2),                                      // negative count
        ("retention", "A,0,100\nA,1,90\nA,1,80\n", 3),                              // duplicated period
        ("retention", "A,0,100\nA,1,90,7\n", 2),                                    // wrong number of fields
        ("retention", "A,0,100\n\"A,1,90\n", 2),                                    // unterminated quote
        ("retention", "group,when,how many\nA,0,100\n", 1),                         // unknown header
        ("retention", "", 1),                                                       // empty file
        ("retention", "A,x,100\n", 1),                                              // period not a number
        ("spend", "customer,date,amount\na,2024-01-01,10\na,2024-02-01,-4\n", 3),   // negative amount
        ("spend", "customer,date,amount\na,2024-01-01,10\na,01/02/2024,4\n", 3),    // unparseable date
        ("spend", "customer,date,amount\na,2023-02-29,10\n", 2),                    // impossible date
        ("spend", "customer,date,amount\na,2024-01-01,ten\n", 2),                   // amount not a number
        ("spend", "customer,date,amount\n,2024-01-01,10\n", 2),                     // empty customer
        ("spend", "customer,date,amount\na,2024-01-01,10\nb,2024-01-02,12\n", 2),   // one purchase each
        ("spend", "customer,date,amount\n", 1),                                     // header only
        ("spend", "", 1),                                                           // empty file
        ("referrals", "customer,invitations,conversions\na,3,1\nb,2,5\n", 3),       // conversions > invitations
        ("referrals", "customer,invitations,conversions\na,3.5,1\n", 2),            // not a whole number
        ("referrals", "customer,invitations,conversions\na,3,1\na,2,0\n", 3),       // customer twice
        ("referrals", "customer,invitations,conversions\na,3,-1\n", 2),             // negative conversions
        ("recency", "customer,date,amount\na,2024-01-01,10\na,2024-13-01,4\n", 3),    // impossible date
        ("recency", "customer,date,amount\na,2024-01-01,-1\n", 2),                    // negative amount
        ("recency", "", 1),                                                          // empty file
        ("migration", "from,to,count\nbasic,premium,-2\n", 2),                       // negative count
        ("migration", "from,to,count\nbasic,premium,1.5\n", 2),                      // not a whole number
        ("migration", "from,to,count,month\nbasic,premium,1,3\n", 1),                // unknown column
        ("migration", "basic,premium,3\n", 1),                                       // no header
        ("migration", "", 1),                                                        // empty file
        ("migration", "from,to,count\nbasic,lost,10\npremium,premium,3\n", 2),       // no renewals
        ("migration", "from,to,count\nbasic,basic,1\nbasic,basic,2\n", 3),           // pair twice
        ("migration", "from,to,count\nbasic,basic,1\nbasic\n", 3),                   // missing fields
    ]

    @Test(arguments: 0..<malformed.count)
    func malformedDataExitsWith65AndNamesTheLine(index: Int) throws {
        let (kind, text, line) = Self.malformed[index]
        let temporary = TemporaryFolder(prefix: "clvsim-fit")
        let folder = temporary.url
        let path = try write(text, "data.csv", in: folder)
        let outcome = try runFit(["fit", kind, "--csv", path])
        #expect(outcome.exitCode == 65, "case \(index): \(outcome.standardError)")
        #expect(outcome.standardError.hasPrefix("\(path):\(line): "), "case \(index): \(outcome.standardError)")
        #expect(outcome.standardOutput.isEmpty)
    }

    @Test(arguments: [("100,abc,50", 2), ("100,80,90", 3), ("100,-1", 2), ("100,,50", 2)])
    func malformedSurvivorListsNameTheValue(list: String, position: Int) throws {
        let outcome = try runFit(["fit", "retention", "--survivors", list])
        #expect(outcome.exitCode == 65)
        #expect(outcome.standardError.hasPrefix("--survivors: value \(position): "), "\(outcome.standardError)")
    }

    @Test func missingFileExitsWith66() throws {
        let outcome = try runFit(["fit", "spend", "--csv", "/nonexistent/clvsim/transactions.csv"])
        #expect(outcome.exitCode == 66)
        #expect(outcome.standardError.contains("cannot read the file"))
    }

    @Test(arguments: [["fit", "retention"], ["fit", "retention", "--survivors", "1,1", "--csv", "x.csv"],
                      ["fit", "retention", "--survivors", "100,50", "--holdout", "0"],
                      ["fit", "retention", "--survivors", "100,50", "--model", "weibull"],
                      ["fit", "referrals", "--csv", "r.csv", "--into", "s.json"],
                      ["fit", "spend", "--csv", "t.csv", "--as-of", "2024-02-30"]])
    func usageErrorsExitWith64(arguments: [String]) {
        do {
            _ = try CLVSim.parseAsRoot(arguments)
            Issue.record("expected a usage error for \(arguments)")
        } catch {
            #expect(CLVSim.exitCode(for: error).rawValue == 64)
        }
    }

    @Test func retentionTableAndJSON() throws {
        let list = "1000,631,468,382,326,289,262,241,223,207,194,183,173"
        let text = try runFit(["fit", "retention", "--survivors", list, "--holdout", "5"])
        #expect(text.exitCode == 0)
        #expect(text.standardOutput.contains("alpha"))
        #expect(text.standardOutput.contains("Hold-out"))
        #expect(text.standardOutput.contains("Lower AIC: sbg"))
        let json = try runFit(["fit", "retention", "--survivors", list, "--json", "--segment", "monthly"])
        #expect(json.exitCode == 0)
        let object = try JSONSerialization.jsonObject(with: Data(json.standardOutput.utf8)) as? [String: Any]
        let models = object?["models"] as? [String: Any]
        let sbg = models?["sbg"] as? [String: Any]
        let estimates = sbg?["estimates"] as? [String: Double]
        #expect(abs((estimates?["alpha"] ?? 0) - 0.6974) < 1e-3)
        #expect((sbg?["covariance"] as? [[Double]])?.count == 2)
        #expect(sbg?["logLikelihood"] is Double)
        #expect(object?["preferredModel"] as? String == "sbg")
        // The hold-out reports the training fit: Fader & Hardie's α = 0.704, β = 1.182 on 7 years.
        let held = try runFit(["fit", "retention", "--survivors", list, "--holdout", "5", "--json"])
        let heldObject = try JSONSerialization.jsonObject(with: Data(held.standardOutput.utf8)) as? [String: Any]
        let training = ((heldObject?["holdoutFit"] as? [String: Any])?["sbg"] as? [String: Any])?["estimates"] as? [String: Double]
        #expect(abs((training?["alpha"] ?? 0) - 0.704) < 1e-3)
        #expect(abs((training?["beta"] ?? 0) - 1.182) < 1e-3)
        #expect((heldObject?["holdout"] as? [Any])?.count == 5)
    }

    @Test func intoUpdatesTheScenarioAtomicallyAndKeepsOtherContent() throws {
        let temporary = TemporaryFolder(prefix: "clvsim-fit")
        let folder = temporary.url
        let scenario = try write("""
            {"schemaVersion": 1, "name": "box", "horizonPeriods": 24, "annualDiscountRate": 0.1,
             "segments": [{"name": "monthly", "customers": 100, "revenue": 30,
                           "retention": {"model": "constant", "rate": 0.8}}]}
            """, "box.json", in: folder)
        let outcome = try runFit(["fit", "retention", "--survivors", "1000,631,468,382,326,289,262,241",
                                  "--into", scenario, "--segment", "monthly"])
        #expect(outcome.exitCode == 0, "\(outcome.standardError)")
        let updated = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: scenario))) as? [String: Any]
        let segment = (updated?["segments"] as? [[String: Any]])?.first
        #expect((segment?["retention"] as? [String: Any])?["model"] as? String == "sbg")
        #expect(segment?["customers"] as? Int == 100)
        #expect((updated?["correlations"] as? [Any])?.count == 1)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: folder.path)
        #expect(leftovers == ["box.json"])
    }

    @Test func intoAnUnknownSegmentLeavesTheScenarioUnchanged() throws {
        let temporary = TemporaryFolder(prefix: "clvsim-fit")
        let folder = temporary.url
        let original = """
            {"schemaVersion": 1, "name": "box", "horizonPeriods": 24, "annualDiscountRate": 0.1,
             "segments": [{"name": "monthly", "revenue": 30, "retention": {"model": "constant", "rate": 0.8}}]}
            """
        let scenario = try write(original, "box.json", in: folder)
        let outcome = try runFit(["fit", "retention", "--survivors", "1000,600,400", "--into", scenario, "--segment", "weekly"])
        #expect(outcome.exitCode == 65)
        #expect(outcome.standardError.contains("no segment named \"weekly\""))
        #expect(try String(contentsOfFile: scenario, encoding: .utf8) == original)
    }

    @Test func intoAScenarioTheFitWouldInvalidateLeavesItUnchanged() throws {
        let temporary = TemporaryFolder(prefix: "clvsim-fit")
        let folder = temporary.url
        // A strategy targets the constant retention rate, which an sBG fit removes.
        let original = """
            {"schemaVersion": 1, "name": "box", "horizonPeriods": 24, "annualDiscountRate": 0.1,
             "segments": [{"name": "monthly", "customers": 100, "revenue": 30,
                           "retention": {"model": "constant", "rate": 0.8}}],
             "strategies": [{"name": "loyalty", "changes": [{"target": "segments.monthly.retention.rate", "add": 0.05}],
                             "cost": {"perPeriod": 100}}]}
            """
        let scenario = try write(original, "box.json", in: folder)
        let outcome = try runFit(["fit", "retention", "--survivors", "1000,631,468,382,326", "--model", "sbg",
                                  "--into", scenario, "--segment", "monthly"])
        #expect(outcome.exitCode == 65)
        #expect(outcome.standardError.contains("left unchanged"))
        #expect(outcome.standardError.contains("$.strategies[0].changes[0].target"))
        #expect(try String(contentsOfFile: scenario, encoding: .utf8) == original)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["box.json"])
        // The constant model keeps the strategy's target and is written.
        let constant = try runFit(["fit", "retention", "--survivors", "1000,631,468,382,326", "--model", "constant",
                                   "--into", scenario, "--segment", "monthly"])
        #expect(constant.exitCode == 0, "\(constant.standardError)")
        #expect(try String(contentsOfFile: scenario, encoding: .utf8) != original)
    }

    @Test func spendWritesThePerCustomerRFMTable() throws {
        let temporary = TemporaryFolder(prefix: "clvsim-fit")
        let folder = temporary.url
        let rfm = folder.appendingPathComponent("rfm.csv").path
        let example = FitEndToEndTests.root.appendingPathComponent("scenarios/data/transactions.csv").path
        let full = try runFit(["fit", "spend", "--csv", example, "--rfm-out", rfm])
        #expect(full.exitCode == 0)
        #expect(try String(contentsOfFile: rfm, encoding: .utf8).split(separator: "\n").count == 401)
    }

    @Test func helpNamesEverySubcommandAndOption() {
        let fit = CLVSim.helpMessage(for: FitCommand.self)
        for word in ["retention", "spend", "referrals"] { #expect(fit.contains(word)) }
        let retention = CLVSim.helpMessage(for: FitRetentionCommand.self)
        for option in ["--survivors", "--csv", "--holdout", "--model", "--json", "--into", "--segment"] {
            #expect(retention.contains(option))
        }
        #expect(CLVSim.helpMessage(for: FitSpendCommand.self).contains("--rfm-out"))
        #expect(CLVSim.helpMessage(for: FitReferralsCommand.self).contains("--cycle-periods"))
    }
}
