import ArgumentParser
import CLVCore
import CLVReport

/// What `run` and `merge` print and whether they write trials.csv: the options they share, and
/// the one way they show a finished run.
struct RunReportOptions: ParsableArguments {
    @Flag(help: "Print the summary JSON on stdout instead of the table.")
    var json = false

    @Flag(help: "Print nothing on stdout or stderr except errors.")
    var quiet = false

    @Flag(name: .customLong("no-trials"), help: "Do not write trials.csv (one row per trial).")
    var noTrials = false

    /// Prints the summary JSON (`--json`), or the table and the files written (unless `--quiet`).
    func show(document: String, summary: RunSummary, info: RunInfo, scenario: Scenario, written: String) {
        if json {
            print(document, terminator: "")
        } else if !quiet {
            SummaryTable.lines(summary, run: info, scenario: scenario).forEach { print($0) }
            print("")
            print(written)
        }
    }
}
