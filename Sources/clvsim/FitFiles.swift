import CLVFit
import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reading inputs and writing scenarios for the fit commands.
enum FitFiles {
    /// The bytes of `path`, or a failure with exit 66 (missing or unreadable) or 65 (too large).
    static func read(_ path: String) throws -> [UInt8] {
        do {
            return try readInputFile(path: path, limit: maximumDataBytes)
        } catch {
            throw FitFailure(error.exit.rawValue, error.lines.joined(separator: "\n"))
        }
    }

    /// The largest data file read, 256 MiB: many millions of transactions.
    static let maximumDataBytes = 256 << 20

    /// The text of `path` as CSV, or a failure (66 unreadable, 65 malformed CSV).
    static func csv(_ path: String) throws -> CSVTable {
        let bytes = try read(path)
        do {
            return try CSVTable(parsing: String(decoding: bytes, as: UTF8.self))
        } catch let error as FitError {
            throw FitFailure(error, source: path)
        }
    }

    /// Applies `fragment` to the scenario at `path`, validates the result, and replaces the file
    /// atomically (a temporary file in the same folder, then a rename). Returns a summary line.
    static func update(scenario path: String, with fragment: ScenarioFragment) throws -> String {
        let bytes = try read(path)
        let text: String
        do {
            text = try ScenarioUpdate.apply(fragment, toScenario: bytes)
        } catch let error as FitError {
            throw FitFailure(error, source: path)
        }
        let (problems, warnings) = ScenarioCheck.check(Array(text.utf8), source: path)
        guard problems.isEmpty else {
            throw FitFailure(CommandOutcome.dataError,
                             "the updated scenario would be invalid, so \(path) was left unchanged:\n" + problems.joined(separator: "\n"))
        }
        let url = URL(fileURLWithPath: path)
        let folder = url.deletingLastPathComponent()
        let temporary = folder.appendingPathComponent(".\(url.lastPathComponent).fit-\(ProcessInfo.processInfo.processIdentifier).tmp")
        do {
            try Data(text.utf8).write(to: temporary)
        } catch {
            throw FitFailure(CommandOutcome.cannotCreateOutput, "\(temporary.path): cannot be written: \(error.localizedDescription)")
        }
        guard rename(temporary.path, url.path) == 0 else {
            try? FileManager.default.removeItem(at: temporary)
            throw FitFailure(CommandOutcome.cannotCreateOutput, "\(path): cannot be replaced")
        }
        return (["updated \(path): segment \(fragment.segment)"] + warnings).joined(separator: "\n")
    }
}
