import ArgumentParser
import CLVCore

/// `clvsim validate FILE...`: checks scenario files and lists every problem.
struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check scenario files and list every problem.",
        discussion: """
            Prints each problem on its own line to stderr as `FILE: $.path: message — fix` \
            (warnings prefixed `warning:`), then a summary. Exit status: 0 when every file is \
            valid, 65 when any is invalid, 66 when a file is missing or unreadable.
            """
    )

    @Argument(help: "Scenario files (JSON) to check.", completion: .file(extensions: ["json"]))
    var files: [String] = []

    func validate() throws {
        if files.isEmpty { throw ValidationError("Give at least one scenario file, e.g. `clvsim validate scenarios/subscription-box.json`.") }
    }

    func run() throws {
        let report = Self.check(files: files)
        for line in report.diagnostics { printToStandardError(line) }
        print(report.summary)
        if report.exit != .success { throw report.exit.exitCode }
    }

    /// What validating some files found: the lines for stderr, the summary and the exit status.
    struct Report: Sendable {
        /// Problems and warnings, one per line.
        var diagnostics: [String] = []
        /// The final summary line.
        var summary = ""
        /// 0, 65 (some file invalid) or 66 (some file unreadable; takes precedence).
        var exit = ClvsimExit.success
    }

    /// Validates each file in turn.
    ///
    /// - Complexity: O(total size of the files).
    static func check(files: [String]) -> Report {
        var report = Report()
        var valid = 0, invalid = 0, unreadable = 0
        for file in files {
            do {
                report.diagnostics += try loadScenarioFile(path: file).warningLines
                valid += 1
            } catch {
                report.diagnostics += error.warningLines + error.lines
                if error.exit == .inputUnreadable { unreadable += 1 } else { invalid += 1 }
            }
        }
        let noun = files.count == 1 ? "file" : "files"
        if invalid == 0 && unreadable == 0 {
            report.summary = "\(valid) \(noun) valid"
        } else {
            var parts = ["\(valid) of \(files.count) \(noun) valid"]
            if invalid > 0 { parts.append("\(invalid) invalid") }
            if unreadable > 0 { parts.append("\(unreadable) unreadable") }
            report.summary = parts.joined(separator: ", ")
        }
        report.exit = unreadable > 0 ? .inputUnreadable : (invalid > 0 ? .invalidInput : .success)
        return report
    }
}
