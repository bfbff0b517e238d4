#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Leftovers of runs that were killed or crashed before they could remove their temporary files
/// (docs/results.md, "How the files are written").
enum StaleTemporaryFiles {
    /// Removes from `folder` the regular files and links named like clvsim's temporary files
    /// (`TemporaryFileName`) whose process no longer exists (`kill(pid, 0)` fails with ESRCH).
    /// Files of live processes, and every other file, are left alone.
    ///
    /// - Returns: the names removed.
    /// - Complexity: O(entries in the folder).
    @discardableResult
    static func remove(in folder: String) -> [String] {
        guard let directory = opendir(folder.isEmpty ? "." : folder) else { return [] }
        defer { closedir(directory) }
        var removed: [String] = []
        let prefix = folder.isEmpty ? "" : folder.hasSuffix("/") ? folder : folder + "/"
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            guard let pid = TemporaryFileName.owner(of: name), pid != getpid(),
                  kill(pid, 0) == -1, errno == ESRCH else { continue }
            var status = stat()
            guard lstat(prefix + name, &status) == 0 else { continue }
            let type = status.st_mode & S_IFMT
            guard type == S_IFREG || type == S_IFLNK else { continue }
            if unlink(prefix + name) == 0 { removed.append(name) }
        }
        return removed
    }
}
