import ArgumentParser
import Foundation
import Testing
import CLVTestSupport
@testable import clvsim

/// Command-line values: negative numbers get their reason, `--out` paths are normalised,
/// `--discount-rates` says why a list is refused, and CSV data errors stay on one line.
@Suite struct CommandLineValueTests {
    @Test func negativeNumbersAreRejectedWithTheirReason() throws {
        for (option, value, expected) in [("--trials", "-5", "--trials must be between 1"), ("--seed", "-1", "--seed must be a whole number"),
                                          ("--threads", "-2", "--threads must be between 1")] {
            let run = try ClvsimBinary.run(["run", "scenarios/subscription-box.json", option, value, "--quiet"])
            #expect(run.status == 64, "\(option) \(value): \(run.status)")
            #expect(!run.standardError.contains("Missing value"), "\(run.standardError)")
            #expect(run.standardError.contains(expected), "\(run.standardError)")
        }
    }

    @Test func outPathsAreNormalisedBeforeFoldersAreMade() throws {
        #expect(OutputFolder.normalised("a/../b/./x/../y") == "b/y")
        #expect(OutputFolder.normalised("/a/../../b/") == "/b")
        #expect(OutputFolder.normalised("../a/./..") == "..")
        #expect(OutputFolder.normalised("./.") == ".")
        let temporary = TemporaryFolder(prefix: "clvsim-norm")
        let base = temporary.url
        let run = try ClvsimBinary.run(["run", RepositoryFiles.root().appendingPathComponent("scenarios/subscription-box.json").path,
                                        "--trials", "100", "--out", "a/../b/./x/../y", "--quiet"], in: base)
        #expect(run.status == 0, "\(run.standardError)")
        let made = try FileManager.default.subpathsOfDirectory(atPath: base.path).filter { !$0.contains(".") }.sorted()
        #expect(made == ["b", "b/y"], "\(made)")
    }

    @Test func anEmptyOutFolderIsAUsageError() throws {
        #expect(throws: OutputError.self) { try OutputFolder(path: "") }
        do {
            _ = try OutputFolder(path: "")
        } catch {
            #expect(error.exit == .usage)
            #expect(error.line.contains("empty"))
        }
    }

    @Test func discountRatesSayWhyAListIsRefused() throws {
        #expect(try DiscountRateList.parse("0.06, 0.08,0.12").rates == [0.06, 0.08, 0.12])
        #expect(try DiscountRateList.parse("0.08,0.06,0.08,0.080").rates == [0.08, 0.06])
        #expect(try DiscountRateList.parse("-0.99,1").rates == [-0.99, 1])
        #expect(DiscountRateList(argument: "0.08,0.08")?.rates == [0.08])
        for (argument, reason) in [("8,9", "8 is 800% a year; give rates as fractions, e.g. 0.08"),
                                   ("10", "10 is 1000% a year"),
                                   ("-1", "at least -0.99"),
                                   ("0.1,,0.2", "empty entry"),
                                   ("abc", "\"abc\" is not a number"),
                                   ("nan", "\"nan\" is not a number"),
                                   ((0..<33).map { "0.\($0 + 100)" }.joined(separator: ","), "at most 32")] {
            #expect(DiscountRateList(argument: argument) == nil, "\(argument)")
            #expect(DiscountRateList.problem(in: argument)?.contains(reason) == true,
                    "\(argument): \(String(describing: DiscountRateList.problem(in: argument)))")
            #expect(throws: ValidationError.self) { try DiscountRateList.parse(argument) }
        }
        // On the command line a bad list is a usage error (its reason once the option uses `parse`).
        for argument in ["8,9", "10"] {
            let run = try ClvsimBinary.run(["run", "scenarios/subscription-box.json", "--discount-rates", argument, "--trials", "10"])
            #expect(run.status == 64, "\(argument): \(run.standardError)")
        }
    }

    @Test func aLineBreakInAQuotedCSVFieldStaysInOneErrorLine() throws {
        let temporary = TemporaryFolder(prefix: "clvsim-fit")
        let folder = temporary.url
        let csv = try write("customer,date,amount\n\"a\nb\",2024-01-01,\"1\n2\"\n", "t.csv", in: folder)
        let outcome = try runFit(["fit", "spend", "--csv", csv])
        #expect(outcome.exitCode == 65)
        #expect(outcome.standardError.split(separator: "\n").count == 1, "\(outcome.standardError)")
        #expect(outcome.standardError.contains("\\u000a"), "\(outcome.standardError)")
    }
}
