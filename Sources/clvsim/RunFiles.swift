import ArgumentParser
import CLVCore
import CLVReport
import Foundation

/// The files of a whole run — summary.json, trials.csv, report.html and manifest.json — written
/// into an output folder by `run` and by `merge` alike (docs/results.md).
///
/// Every file is staged under a temporary name and moved into place only when all of them are
/// ready, so a reader never sees a mix of old and new files; an interrupted run moves nothing.
struct RunFiles {
    let folder: OutputFolder
    /// Whether to write trials.csv (`--no-trials` turns it off, and removes an old one).
    let writeTrials: Bool

    /// Writes the run's files.
    ///
    /// - Parameters:
    ///   - scenarioFile: the scenario path as given on the command line, for the manifest.
    ///   - scenarioBytes: the scenario file's bytes, copied into the manifest.
    ///   - check: asked before any file moves into place; a line it returns is printed and the
    ///     run exits 66 with nothing moved (a merge whose shard could not be read).
    ///   - leadingFiles: files written first, as (name, text) (`optimize`'s optimization.json).
    ///   - reportSections: sections placed after the report's header (`optimize`'s optimum).
    /// - Returns: the names of the files written, in order.
    /// - Throws: exit 73 with one line when a file cannot be written; on interruption, exits
    ///   with 128 + the signal number and leaves the folder as it was.
    func write(summary: RunSummary, result: SimulationResult, info: RunInfo, summaryText: String,
               scenarioFile: String, scenarioBytes: [UInt8], check: () -> String? = { nil },
               leadingFiles: [(name: String, text: String)] = [], reportSections: [String] = []) throws -> [String] {
        let interrupts = InterruptHandling.shared
        var written: [String] = []
        do {
            var staged: [OutputFolder.StagedFile] = []
            do {
                for file in leadingFiles {
                    staged.append(try folder.stage(file.name, text: file.text))
                    written.append(file.name)
                }
                staged.append(try folder.stage("summary.json", text: summaryText))
                written.append("summary.json")
                if writeTrials && !interrupts.isCancelled {
                    if let file = try stageTrials(result, isCancelled: { interrupts.isCancelled }) {
                        staged.append(file)
                        written.append("trials.csv")
                    }
                }
                if !interrupts.isCancelled {
                    staged.append(try folder.stage("report.html", text: HTMLReport.render(summary: summary, result: result, run: info, leading: reportSections)))
                    written.append("report.html")
                }
                if !interrupts.isCancelled {
                    let parsed = try? JSONParser().parse(scenarioBytes).get()
                    let manifest = Manifest.document(run: info, scenarioFile: scenarioFile, scenarioDocument: parsed,
                                                     cores: ProcessInfo.processInfo.activeProcessorCount, files: written)
                    staged.append(try folder.stage("manifest.json", text: manifest.rendered() + "\n"))
                    written.append("manifest.json")
                }
            } catch {
                folder.discard(staged)
                throw error
            }
            if interrupts.isCancelled {
                folder.discard(staged)
                try Self.stopInterrupted(folder)
            }
            if let failure = check() {
                folder.discard(staged)
                printToStandardError(failure)
                throw ClvsimExit.inputUnreadable.exitCode
            }
            try folder.commit(staged)
            if !writeTrials { folder.remove("trials.csv") }
        } catch let error as OutputError {
            printToStandardError(error.line)
            throw error.exit.exitCode
        }
        return written
    }

    /// Writes trials.csv to a temporary file piece by piece, stopping early when the run is
    /// interrupted: then it removes the temporary file and returns nil.
    ///
    /// - Throws: `OutputError` when the file cannot be written.
    private func stageTrials(_ result: SimulationResult,
                             isCancelled: () -> Bool) throws(OutputError) -> OutputFolder.StagedFile? {
        let writer = try StagingWriter(folder: folder, name: "trials.csv")
        do {
            try TrialsCSV.write(result) { piece in
                if isCancelled() { throw CancellationError() }
                try writer.append(piece)
            }
        } catch let error as OutputError {
            throw error
        } catch {
            writer.abandon()
            return nil
        }
        return try writer.finish()
    }

    /// Refuses to publish a summary built on a subset of trials: when some trial's metrics
    /// were not finite numbers, prints why and exits 70 before anything is written.
    static func requireFinite(_ diagnostics: RunDiagnostics, scenario: String) throws {
        guard diagnostics.nonFiniteTrials > 0 else { return }
        printToStandardError("\(scenario): metrics were not finite numbers in \(diagnostics.nonFiniteTrials) of \(diagnostics.trials) trials (values overflowed the range of numbers); nothing was written — check revenue, revenueGrowth, annualDiscountRate and the horizon for extreme values")
        throw ClvsimExit.internalError.exitCode
    }

    /// Ends an interrupted run: removes temporary files, says that nothing was written, and
    /// exits with 128 + the signal number.
    static func stopInterrupted(_ folder: OutputFolder) throws -> Never {
        TemporaryFiles.shared.removeAll()
        let number = InterruptHandling.shared.signal ?? SIGINT
        printToStandardError("clvsim: interrupted; nothing was written and earlier results in \(folder.path) are unchanged")
        throw ExitCode(128 + number)
    }
}
