import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The advisory lock that keeps two clvsim processes from writing into one output folder at once
/// (docs/results.md, "How the files are written"): an exclusive `flock` on `.clvsim.lock` in the
/// folder, taken without waiting and held until the process exits, when the lock file is
/// removed. A second run into a locked folder stops at once with exit 73.
enum OutputFolderLock {
    /// The lock file's name inside the folder.
    static let fileName = ".clvsim.lock"

    /// Lock files this process holds, by path, with their descriptors.
    private static let held = Mutex<[String: Int32]>([:])

    /// Takes the lock of `folder`, or returns at once when this process already holds it.
    ///
    /// The lock file is checked after locking to still be the file at its path: a process that
    /// exits removes it, and a waiter that locked the removed file tries again on the new one.
    ///
    /// - Throws: `OutputError` (exit 73) when another process holds the lock or the lock file
    ///   cannot be created.
    /// - Complexity: O(1) system calls.
    static func acquire(folder: String) throws(OutputError) {
        let path = folder.hasSuffix("/") ? folder + fileName : folder + "/" + fileName
        if held.withLock({ $0[path] != nil }) { return }
        for _ in 0..<8 {
            let descriptor = open(path, O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0o644)
            guard descriptor >= 0 else {
                throw OutputError(line: "\(path): cannot create the lock file: \(String(cString: strerror(errno))) — choose another --out")
            }
            if flock(descriptor, LOCK_EX | LOCK_NB) != 0 {
                let code = errno
                close(descriptor)
                if code == EWOULDBLOCK {
                    throw OutputError(line: "\(folder): another clvsim run is writing to this folder (lock \(path)); wait for it to finish or choose another --out")
                }
                throw OutputError(line: "\(path): cannot lock the output folder: \(String(cString: strerror(code))) — choose another --out")
            }
            var opened = stat(), current = stat()
            if fstat(descriptor, &opened) == 0, lstat(path, &current) == 0,
               opened.st_dev == current.st_dev, opened.st_ino == current.st_ino {
                held.withLock { $0[path] = descriptor }
                return
            }
            close(descriptor)
        }
        throw OutputError(line: "\(path): cannot lock the output folder: the lock file keeps changing — choose another --out")
    }

    /// Removes and unlocks every lock file this process holds (at exit).
    ///
    /// - Complexity: O(locks held).
    static func releaseAll() {
        held.withLock { locks in
            for (path, descriptor) in locks {
                unlink(path)
                close(descriptor)
            }
            locks.removeAll()
        }
    }
}
