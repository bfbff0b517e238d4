import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The temporary files this process is writing right now, so that every exit it controls — a
/// normal end, an error, an interrupt (see `InterruptHandling` and `ExitCleanup`) — removes them
/// (docs/results.md, "How the files are written").
final class TemporaryFiles: Sendable {
    static let shared = TemporaryFiles()

    private let paths = Mutex<Set<String>>([])

    func register(_ path: String) { paths.withLock { _ = $0.insert(path) } }
    func unregister(_ path: String) { paths.withLock { _ = $0.remove(path) } }

    /// Removes every registered file.
    ///
    /// - Complexity: O(registered files).
    func removeAll() {
        paths.withLock { set in
            for path in set { unlink(path) }
            set.removeAll()
        }
    }

    /// Creates and registers a new temporary file in `folder` for the file `name`, under an
    /// unpredictable name (`TemporaryFileName`), opened for writing with `O_CREAT | O_EXCL |
    /// O_NOFOLLOW`: it never follows or reuses a link or file planted under that name.
    ///
    /// - Returns: the path and the open descriptor.
    /// - Throws: the `errno` of the last attempt (after a few fresh names when one exists).
    /// - Complexity: O(1) system calls.
    func create(in folder: String, for name: String) throws(TemporaryFileError) -> (path: String, descriptor: Int32) {
        let prefix = folder.isEmpty ? "" : folder.hasSuffix("/") ? folder : folder + "/"
        var lastError: Int32 = EEXIST
        for _ in 0..<8 {
            let path = prefix + TemporaryFileName.make(for: name, pid: getpid())
            register(path)
            let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o644)
            if descriptor >= 0 { return (path, descriptor) }
            lastError = errno
            unregister(path)
            if lastError != EEXIST { break }
        }
        throw TemporaryFileError(code: lastError)
    }
}

/// A temporary file could not be created; `code` is the `errno`.
struct TemporaryFileError: Error {
    let code: Int32
    var reason: String { String(cString: strerror(code)) }
}
