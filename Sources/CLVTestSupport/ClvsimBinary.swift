import Foundation

/// Runs the built `clvsim` binary for end-to-end tests: the one next to the test bundle (the same
/// build folder and configuration), else `.build/debug/clvsim`.
public enum ClvsimBinary {
    public struct Run: Sendable {
        public var status: Int32
        public var standardOutput: String
        public var standardError: String
        /// Whether the process died of a signal (then `status` is the signal number).
        public var signalled: Bool = false

        public init(status: Int32, standardOutput: String, standardError: String, signalled: Bool = false) {
            self.status = status
            self.standardOutput = standardOutput
            self.standardError = standardError
            self.signalled = signalled
        }
    }

    public enum Failure: Error { case notBuilt(String) }

    /// The binary's location.
    public static func url(from filePath: String = #filePath) throws -> URL {
        let sibling = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("clvsim")
        if FileManager.default.isExecutableFile(atPath: sibling.path) { return sibling }
        let fallback = RepositoryFiles.root(from: filePath).appendingPathComponent(".build/debug/clvsim")
        guard FileManager.default.isExecutableFile(atPath: fallback.path) else {
            throw Failure.notBuilt("clvsim is not built next to the tests nor in .build/debug; run swift build first")
        }
        return fallback
    }

    /// Starts `clvsim` with `arguments` in `directory` (default: the repository root) without
    /// waiting for it; standard output and error go to the returned pipes.
    public static func start(_ arguments: [String], in directory: URL? = nil,
                             filePath: String = #filePath) throws -> (Process, out: Pipe, err: Pipe) {
        let process = Process()
        process.executableURL = try url(from: filePath)
        process.arguments = arguments
        process.currentDirectoryURL = directory ?? RepositoryFiles.root(from: filePath)
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        return (process, out, err)
    }

    /// Runs `clvsim` with `arguments` to completion.
    public static func run(_ arguments: [String], in directory: URL? = nil, filePath: String = #filePath) throws -> Run {
        let (process, out, err) = try start(arguments, in: directory, filePath: filePath)
        // Drain stderr concurrently so that neither pipe can fill up and block the child.
        let errorData = ErrorCollector()
        let reader = Thread { errorData.data = err.fileHandleForReading.readDataToEndOfFile() }
        reader.start()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        while !errorData.done { usleep(1000) }
        return Run(status: process.terminationStatus, standardOutput: String(decoding: stdout, as: UTF8.self),
                   standardError: String(decoding: errorData.data, as: UTF8.self),
                   signalled: process.terminationReason == .uncaughtSignal)
    }
}

private final class ErrorCollector: @unchecked Sendable {
    private let lock = NSLock()
    private var stored = Data()
    private var finished = false
    var data: Data {
        get { lock.lock(); defer { lock.unlock() }; return stored }
        set { lock.lock(); stored = newValue; finished = true; lock.unlock() }
    }
    var done: Bool { lock.lock(); defer { lock.unlock() }; return finished }
}
