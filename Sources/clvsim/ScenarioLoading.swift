import ArgumentParser
import Crypto
import Foundation
import CLVCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Why a scenario could not be loaded: the exit code to use and the lines to print on stderr.
struct ScenarioLoadError: Error, Sendable {
    /// `inputUnreadable` (66) for a missing or unreadable file, `invalidInput` (65) otherwise.
    var exit: ClvsimExit
    /// One line per problem, `FILE: $.path: message — fix`.
    var lines: [String]
    /// Warnings found before the errors (already formatted, prefixed `warning:`).
    var warningLines: [String] = []
}

/// Reads the bytes of a file, refusing files larger than `limit` bytes without reading them whole.
///
/// - Throws: `ScenarioLoadError` with exit 66 naming the file and the operating system's reason,
///   or exit 65 when the file exceeds the limit.
func readInputFile(path: String, limit: Int = ScenarioLimits.maximumFileBytes) throws(ScenarioLoadError) -> [UInt8] {
    func failure(_ reason: String) -> ScenarioLoadError {
        ScenarioLoadError(exit: .inputUnreadable, lines: ["\(path): cannot read the file: \(reason)"])
    }
    let descriptor = open(path, O_RDONLY)
    guard descriptor >= 0 else { throw failure(String(cString: strerror(errno))) }
    defer { close(descriptor) }
    var status = stat()
    guard fstat(descriptor, &status) == 0 else { throw failure(String(cString: strerror(errno))) }
    if (status.st_mode & S_IFMT) == S_IFDIR { throw failure("it is a directory") }
    if (status.st_mode & S_IFMT) == S_IFREG && Int(status.st_size) > limit {
        throw ScenarioLoadError(exit: .invalidInput, lines: [
            "\(path): $: the file is \(status.st_size) bytes; the limit is \(limit) bytes (\(limit / 1_048_576) MiB) — shorten the file (long empirical sample lists are the usual cause; summarise them with a fitted distribution)",
        ])
    }
    var bytes: [UInt8] = []
    let chunk = 1 << 20
    var buffer = [UInt8](repeating: 0, count: chunk)
    while true {
        let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, chunk) }
        if count < 0 {
            if errno == EINTR { continue }
            throw failure(String(cString: strerror(errno)))
        }
        if count == 0 { break }
        bytes.append(contentsOf: buffer[0..<count])
        if bytes.count > limit {
            throw ScenarioLoadError(exit: .invalidInput, lines: [
                "\(path): $: the input is more than \(limit) bytes (\(limit / 1_048_576) MiB), the limit — shorten the file",
            ])
        }
    }
    return bytes
}

/// A scenario read from a file, with the file's bytes (for its digest) and the reader's warnings.
struct LoadedScenario: Sendable {
    let path: String
    let scenario: Scenario
    let warnings: [ScenarioIssue]
    let bytes: [UInt8]

    /// The warnings as printable lines, `warning: FILE: $.path: message — fix`.
    var warningLines: [String] { warnings.map { "warning: " + $0.formatted(file: path) } }
}

/// Loads and validates the scenario file at `path`, keeping its bytes.
///
/// - Throws: `ScenarioLoadError` — exit 66 when the file is missing or unreadable, 65 when it is
///   not a valid scenario (every problem listed as `FILE: $.path: message — fix`).
func loadScenarioFile(path: String) throws(ScenarioLoadError) -> LoadedScenario {
    let bytes = try readInputFile(path: path)
    let reading = ScenarioReader.read(bytes)
    guard let scenario = reading.scenario, reading.errors.isEmpty else {
        throw ScenarioLoadError(exit: .invalidInput,
                                lines: reading.errors.map { $0.formatted(file: path) },
                                warningLines: reading.warnings.map { "warning: " + $0.formatted(file: path) })
    }
    return LoadedScenario(path: path, scenario: scenario, warnings: reading.warnings, bytes: bytes)
}

/// Loads the scenario file a command was given: on a problem prints it (with the file's
/// warnings) and throws the exit code; otherwise prints the file's warnings unless `quiet`.
func loadCommandScenario(path: String, quiet: Bool) throws -> LoadedScenario {
    let file: LoadedScenario
    do {
        file = try loadScenarioFile(path: path)
    } catch {
        throw error.report()
    }
    if !quiet { file.warningLines.forEach(printToStandardError) }
    return file
}

extension ScenarioLoadError {
    /// Prints the warnings and problems on stderr and returns the exit code to throw.
    func report() -> ExitCode {
        warningLines.forEach(printToStandardError)
        lines.forEach(printToStandardError)
        return exit.exitCode
    }
}

extension LoadedScenario {
    /// Hex SHA-256 of the file's bytes.
    var sha256: String {
        SHA256.hash(data: bytes).map { String(format: "%02x", $0) }.joined()
    }
}
