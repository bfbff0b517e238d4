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
            return try CSVTable(bytes: bytes)
        } catch let error as FitError {
            throw FitFailure(error, source: path)
        }
    }

    /// Applies `fragment` to the scenario at `path`, validates the result, and replaces the file
    /// atomically (`AtomicFile`: through a symbolic link to the file it leads to, never over
    /// one of the `inputs`). Returns a summary line.
    static func update(scenario path: String, with fragment: ScenarioFragment, inputs: [String]) throws -> String {
        try update(scenario: path, with: [fragment], inputs: inputs)
    }

    /// Applies `fragments` one after the other to the scenario at `path`, validates the result
    /// once, and replaces the file atomically, as `update(scenario:with:inputs:)` does for one.
    static func update(scenario path: String, with fragments: [ScenarioFragment], inputs: [String]) throws -> String {
        var text = String(decoding: try read(path), as: UTF8.self)
        do {
            for fragment in fragments {
                text = try ScenarioUpdate.apply(fragment, toScenario: Array(text.utf8))
            }
        } catch let error as FitError {
            throw FitFailure(error, source: path)
        }
        let (problems, warnings) = ScenarioCheck.check(Array(text.utf8), source: path)
        guard problems.isEmpty else {
            throw FitFailure(CommandOutcome.dataError,
                             "the updated scenario would be invalid, so \(path) was left unchanged:\n" + problems.joined(separator: "\n"))
        }
        try write(text, to: path, inputs: inputs, option: "--into")
        let names = fragments.map(\.segment)
        return (["updated \(path): segment\(names.count == 1 ? "" : "s") \(names.joined(separator: ", "))"] + warnings)
            .joined(separator: "\n")
    }

    /// Writes an output file of a fit command atomically (`AtomicFile`), or fails with its exit
    /// code: 64 when `path` is one of `inputs`, 73 when it cannot be written.
    static func write(_ text: String, to path: String, inputs: [String], option: String) throws {
        do {
            try AtomicFile.write(text, to: path, inputs: inputs, option: option)
        } catch {
            throw FitFailure(error.exit.rawValue, error.line)
        }
    }
}
