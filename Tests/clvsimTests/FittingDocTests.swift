import ArgumentParser
import Foundation
import Testing
import CLVTestSupport
@testable import clvsim

/// The worked example of docs/fitting.md, step by step on the built binary: every command the
/// page shows is run in order, and every output line it quotes (other than "...") must appear,
/// in order, in what the command prints; the figures quoted in the prose must match the run.
@Suite struct FittingDocTests {
    static let root = RepositoryFiles.root()

    /// The worked example's text: from its heading to the next top-level section.
    func workedExample() throws -> String {
        let page = try String(contentsOf: Self.root.appendingPathComponent("docs/fitting.md"), encoding: .utf8)
        let start = try #require(page.range(of: "## Worked example"))
        let end = page.range(of: "\n## ", range: start.upperBound..<page.endIndex)?.lowerBound ?? page.endIndex
        return String(page[start.lowerBound..<end])
    }

    /// Fenced blocks of `text`: (language, lines).
    func blocks(_ text: String) -> [(language: String, lines: [String])] {
        var out: [(String, [String])] = []
        var current: (String, [String])?
        for line in text.components(separatedBy: "\n") {
            if line.hasPrefix("```") {
                if let block = current { out.append(block); current = nil } else { current = (String(line.dropFirst(3)), []) }
            } else if current != nil {
                current!.1.append(line)
            }
        }
        return out
    }

    /// Runs one documented command line in `folder`: `cp A B`, or `clvsim …`.
    func execute(_ command: String, in folder: URL) throws -> ClvsimBinary.Run {
        let words = command.split(separator: " ").map(String.init)
        if words.first == "cp", words.count == 3 {
            try FileManager.default.copyItem(at: folder.appendingPathComponent(words[1]), to: folder.appendingPathComponent(words[2]))
            return ClvsimBinary.Run(status: 0, standardOutput: "", standardError: "")
        }
        #expect(words.first == "clvsim", "\(command)")
        return try ClvsimBinary.run(Array(words.dropFirst()), in: folder)
    }

    @Test func everyQuotedFigureComesFromTheDocumentedSteps() throws {
        let temporary = TemporaryFolder(prefix: "clvsim-doc")
        let folder = temporary.url
        try FileManager.default.createSymbolicLink(at: folder.appendingPathComponent("scenarios"),
                                                   withDestinationURL: Self.root.appendingPathComponent("scenarios"))
        let example = try workedExample()
        var runOutput = ""
        var checked = 0
        for block in blocks(example) {
            if block.language == "sh" {
                for command in block.lines where !command.isEmpty && !command.hasPrefix("#") {
                    let run = try execute(command, in: folder)
                    #expect(run.status == 0, "\(command): \(run.standardError)")
                }
            } else if block.language.isEmpty, block.lines.contains(where: { $0.hasPrefix("$ ") }) {
                var command: String?
                var expected: [String] = []
                func check() throws {
                    guard let command else { return }
                    let run = try execute(String(command.dropFirst(2)), in: folder)
                    #expect(run.status == 0, "\(command): \(run.standardError)")
                    if command.contains(" run ") { runOutput = run.standardOutput }
                    var actual = (run.standardOutput + run.standardError).components(separatedBy: "\n")[...]
                    for line in expected where line != "..." && !line.isEmpty {
                        guard let index = actual.firstIndex(where: { $0.trimmingTrailingSpaces == line.trimmingTrailingSpaces }) else {
                            Issue.record("docs/fitting.md quotes a line `\(command)` does not print:\n\(line)\nIt prints:\n\(run.standardOutput)")
                            return
                        }
                        actual = actual[(index + 1)...]
                        checked += 1
                    }
                }
                for line in block.lines {
                    if line.hasPrefix("$ ") {
                        try check()
                        command = line
                        expected = []
                    } else {
                        expected.append(line)
                    }
                }
                try check()
            }
        }
        #expect(checked >= 20)
        // The prose quotes the CLV interval of the run: "its 90% interval (A to B)".
        let quoted = try #require(example.firstMatch(of: /its 90% interval \(([\d,]+) to ([\d,]+)\)/))
        let row = try #require(runOutput.components(separatedBy: "\n").first { $0.contains("CLV (new customer)") })
        #expect(row.hasSuffix("\(quoted.1) … \(quoted.2)"), "prose says \(quoted.1) to \(quoted.2); the run prints \(row)")
    }
}

extension String {
    var trimmingTrailingSpaces: String {
        var s = Substring(self)
        while s.last == " " { s.removeLast() }
        return String(s)
    }
}

/// `fit referrals --into` prints the fragment the file receives.
@Suite struct ReferralFragmentTests {
    @Test func printedFragmentKeepsTheScenariosCyclePeriods() throws {
        let temporary = TemporaryFolder(prefix: "clvsim-fit")
        let folder = temporary.url
        let scenario = folder.appendingPathComponent("s.json").path
        try FileManager.default.copyItem(atPath: RepositoryFiles.root().appendingPathComponent("scenarios/fitted-subscription.json").path,
                                         toPath: scenario)
        let csv = RepositoryFiles.root().appendingPathComponent("scenarios/data/referrals.csv").path
        for json in [false, true] {
            let outcome = try runFit(["fit", "referrals", "--csv", csv, "--into", scenario, "--segment", "monthly"] + (json ? ["--json"] : []))
            #expect(outcome.exitCode == 0, "\(outcome.standardError)")
            let printed = outcome.standardOutput.replacingOccurrences(of: " ", with: "")
            #expect(printed.contains("\"cyclePeriods\":2"), "\(outcome.standardOutput)")
            #expect(!printed.contains("\"cyclePeriods\":1"), "\(outcome.standardOutput)")
        }
        let written = try String(contentsOfFile: scenario, encoding: .utf8).replacingOccurrences(of: " ", with: "")
        #expect(written.contains("\"cyclePeriods\":2"))
        // Without --into, and for a segment without referrals, the default 1 is printed.
        let plain = try runFit(["fit", "referrals", "--csv", csv])
        #expect(plain.standardOutput.replacingOccurrences(of: " ", with: "").contains("\"cyclePeriods\":1"))
    }
}

/// Shell completion offers scenario files for scenario arguments and CSV files for data options.
@Suite struct CompletionTests {
    @Test func scenarioAndDataArgumentsCompleteMatchingFiles() throws {
        let bash = CLVSim.completionScript(for: .bash)
        #expect(bash.contains("'!*.@(json)'"))
        #expect(bash.contains("'!*.@(csv)'"))
        for shell in [CompletionShell.zsh, .fish] {
            let script = CLVSim.completionScript(for: shell)
            #expect(script.contains("json"), "\(shell)")
        }
        let readme = try String(contentsOf: RepositoryFiles.root().appendingPathComponent("README.md"), encoding: .utf8)
        #expect(readme.contains("## Shell completion"))
        #expect(readme.contains("--generate-completion-script"))
    }
}
