#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writing one output file of a command atomically (docs/results.md, "How the files are
/// written"): a temporary file next to the target, flushed, then renamed over it. The target is
/// checked first (`OutputTarget`): never an input, a folder or a special file; a symbolic link
/// is written through, replacing the file it leads to and keeping the link.
enum AtomicFile {
    /// Writes `text` to `path`.
    ///
    /// - Parameters:
    ///   - inputs: the files the command reads, which `path` may not be.
    ///   - option: the option naming `path`, for messages.
    /// - Throws: `OutputError` naming the file, the reason and the exit code.
    /// - Complexity: O(bytes).
    static func write(_ text: String, to path: String, inputs: [String], option: String) throws(OutputError) {
        let writer = try StagingWriter(path: path, inputs: inputs, option: option)
        try writer.append(text)
        let staged = try writer.finish()
        guard rename(staged.temporary, staged.target) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(staged.temporary)
            TemporaryFiles.shared.unregister(staged.temporary)
            throw OutputError(line: "\(staged.target): cannot move the new file into place: \(reason)")
        }
        TemporaryFiles.shared.unregister(staged.temporary)
        let folder = OutputTarget.folder(of: staged.target)
        let directory = open(folder.isEmpty ? "." : folder, O_RDONLY)
        if directory >= 0 {
            _ = fsync(directory)
            close(directory)
        }
    }
}
