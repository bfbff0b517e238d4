#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Removes this process's temporary files and lock files whenever it exits through `exit` —
/// after success, after an error, and after an interrupt (docs/results.md, "How the files are
/// written"). A process killed outright cannot clean up; the next run into the folder removes
/// what it left (`StaleTemporaryFiles`).
enum ExitCleanup {
    /// Installs the handler once.
    ///
    /// - Complexity: O(1).
    static func install() {
        _ = installed
    }

    private static let installed: Bool = {
        atexit {
            TemporaryFiles.shared.removeAll()
            OutputFolderLock.releaseAll()
        }
        return true
    }()
}
