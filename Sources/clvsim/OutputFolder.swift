#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Why an output file could not be written: one line naming the path and reason, and the exit
/// code — 73, or 64 when the command line asks for something impossible (an output that is
/// one of the inputs, an empty path).
struct OutputError: Error, Sendable {
    let line: String
    var exit: ClvsimExit = .outputFailure
}

/// A folder that run outputs are written into, each file atomically: the bytes go to a
/// temporary file in the same folder, are flushed to disk, and the temporary file is then
/// renamed over the target. A reader never sees a half-written file, and a failed or
/// interrupted run leaves the previous file in place.
///
/// Creating an `OutputFolder` takes the folder's lock (`OutputFolderLock`) for the rest of the
/// process, so two runs never write into one folder at once, and removes temporary files that
/// killed runs left behind (`StaleTemporaryFiles`). Shards of a run share a folder without the
/// lock: each writes one file of its own name, by one atomic rename, and a shard run twice
/// writes the same bytes (docs/distributed.md).
struct OutputFolder: Sendable {
    let path: String
    /// The files the command reads; no output may replace one of them.
    let inputs: [String]

    /// Creates the folder and its parents if needed, locks it (unless `lock` is false), and
    /// removes stale temporaries.
    ///
    /// - Throws: `OutputError` when a component cannot be created or is not a folder, or when
    ///   another process is writing into the folder.
    init(path given: String, inputs: [String] = [], lock: Bool = true) throws(OutputError) {
        guard !given.isEmpty else {
            throw OutputError(line: "--out: the folder path is empty — give a folder, e.g. --out results/my-run", exit: .usage)
        }
        // `a/../b/./x/../y` names `b/y`: create only the folders of the normalised path.
        let path = given.split(separator: "/").contains { $0 == "." || $0 == ".." } ? Self.normalised(given) : given
        self.path = path
        self.inputs = inputs
        var prefix = path.hasPrefix("/") ? "/" : ""
        for component in path.split(separator: "/") {
            prefix += component
            var status = stat()
            if stat(prefix, &status) == 0 {
                guard (status.st_mode & S_IFMT) == S_IFDIR else {
                    throw OutputError(line: "\(prefix): cannot create the output folder: a file of that name exists — choose another --out")
                }
            } else if mkdir(prefix, 0o755) != 0 && errno != EEXIST {
                throw OutputError(line: "\(prefix): cannot create the output folder: \(String(cString: strerror(errno))) — choose another --out")
            }
            prefix += "/"
        }
        guard access(path, W_OK) == 0 else {
            throw OutputError(line: "\(path): cannot write to the output folder: \(String(cString: strerror(errno))) — choose another --out")
        }
        if lock { try OutputFolderLock.acquire(folder: path) }
        StaleTemporaryFiles.remove(in: path)
    }

    /// `path` with `.` components dropped and each `..` cancelling the component before it,
    /// lexically (without looking at the file system); `..` at the start of a relative path is
    /// kept, at the root of an absolute one dropped.
    ///
    /// - Complexity: O(length of path).
    static func normalised(_ path: String) -> String {
        let absolute = path.hasPrefix("/")
        var parts: [Substring] = []
        for component in path.split(separator: "/") {
            if component == "." { continue }
            if component == ".." {
                if let last = parts.last, last != ".." { parts.removeLast() } else if !absolute { parts.append(component) }
                continue
            }
            parts.append(component)
        }
        let joined = parts.joined(separator: "/")
        return absolute ? "/" + joined : joined.isEmpty ? "." : joined
    }

    /// The path of `name` inside the folder.
    func file(_ name: String) -> String { path.hasSuffix("/") ? path + name : path + "/" + name }

    /// A file written under a temporary name in the folder, waiting to be moved into place.
    struct StagedFile: Sendable {
        let temporary: String
        let target: String
    }

    /// Writes `bytes` to a temporary file next to `name` and flushes it to disk; `commit` then
    /// moves it into place. Until then the previous `name` is untouched.
    ///
    /// - Throws: `OutputError` naming the file and the operating system's reason.
    func stage(_ name: String, bytes: [UInt8]) throws(OutputError) -> StagedFile {
        let writer = try StagingWriter(folder: self, name: name)
        try writer.append(bytes)
        return try writer.finish()
    }

    /// Writes UTF-8 text to a temporary file next to `name`, as `stage(_:bytes:)` does.
    func stage(_ name: String, text: String) throws(OutputError) -> StagedFile {
        try stage(name, bytes: Array(text.utf8))
    }

    /// Moves staged files into place, in order, each by one `rename` (atomic for readers).
    ///
    /// - Throws: `OutputError` when a target is a folder (then nothing is moved), or for the
    ///   first file that cannot be moved; the staged files not yet moved are removed.
    func commit(_ staged: [StagedFile]) throws(OutputError) {
        // A folder in a file's place would fail its rename after earlier files had moved; check
        // first, so that either every file is replaced or none is.
        for file in staged {
            var status = stat()
            if lstat(file.target, &status) == 0 && (status.st_mode & S_IFMT) == S_IFDIR {
                discard(staged)
                throw OutputError(line: "\(file.target): cannot write the file: a folder of that name exists — move it or choose another --out")
            }
        }
        for (i, file) in staged.enumerated() {
            if rename(file.temporary, file.target) != 0 {
                let reason = String(cString: strerror(errno))
                discard(Array(staged[i...]))
                throw OutputError(line: "\(file.target): cannot move the new file into place: \(reason)")
            }
            TemporaryFiles.shared.unregister(file.temporary)
        }
        let directory = open(path, O_RDONLY)
        if directory >= 0 {
            _ = fsync(directory)
            close(directory)
        }
    }

    /// Removes staged files that will not be committed.
    func discard(_ staged: [StagedFile]) {
        for file in staged {
            unlink(file.temporary)
            TemporaryFiles.shared.unregister(file.temporary)
        }
    }

    /// Removes `name` from the folder if it is there (a file a previous run wrote that this run
    /// does not replace).
    func remove(_ name: String) {
        unlink(file(name))
    }

    /// Writes `bytes` to `name` atomically.
    ///
    /// - Throws: `OutputError` naming the file and the operating system's reason.
    func write(_ name: String, bytes: [UInt8]) throws(OutputError) {
        try commit([stage(name, bytes: bytes)])
    }

    /// Writes UTF-8 text to `name` atomically.
    func write(_ name: String, text: String) throws(OutputError) {
        try write(name, bytes: Array(text.utf8))
    }
}

/// A temporary file being written piece by piece, for outputs too large to hold in memory
/// twice (the per-trial CSV). `finish()` flushes it to disk and hands it over for `commit`;
/// `abandon()` removes it.
///
/// The temporary file is made by `TemporaryFiles.create` (an unpredictable name, never
/// following a planted link) next to the file it will replace: the output's own path, or the
/// file a symbolic link there leads to (`OutputTarget`), so the rename keeps the link.
final class StagingWriter {
    let temporary: String
    let target: String
    private var descriptor: Int32

    /// Creates the temporary file for `name` in `folder`.
    ///
    /// - Throws: `OutputError` when the target may not be replaced or the file cannot be created.
    convenience init(folder: OutputFolder, name: String) throws(OutputError) {
        try self.init(path: folder.file(name), inputs: folder.inputs, option: "--out")
    }

    /// Creates the temporary file that will replace `path` (or the file a link at `path` leads to).
    ///
    /// - Throws: `OutputError` when the target may not be replaced or the file cannot be created.
    init(path: String, inputs: [String], option: String) throws(OutputError) {
        target = try OutputTarget.resolve(path, inputs: inputs, option: option)
        do {
            (temporary, descriptor) = try TemporaryFiles.shared.create(in: OutputTarget.folder(of: target),
                                                                     for: OutputTarget.name(of: target))
        } catch {
            throw OutputError(line: "\(target): cannot create the file: \(error.reason)")
        }
    }

    deinit {
        if descriptor >= 0 { abandon() }
    }

    /// Appends bytes.
    ///
    /// - Throws: `OutputError` when the write fails (the temporary file is then removed).
    func append(_ bytes: [UInt8]) throws(OutputError) {
        var written = 0
        while written < bytes.count {
            let n = bytes[written...].withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress, $0.count) }
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { throw fail("write the file") }
            written += n
        }
    }

    /// Appends UTF-8 text.
    func append(_ text: String) throws(OutputError) {
        try append(Array(text.utf8))
    }

    /// Flushes and closes the file.
    ///
    /// - Throws: `OutputError` when the data cannot be flushed to disk.
    func finish() throws(OutputError) -> OutputFolder.StagedFile {
        guard fsync(descriptor) == 0 else { throw fail("flush the file to disk") }
        close(descriptor)
        descriptor = -1
        return OutputFolder.StagedFile(temporary: temporary, target: target)
    }

    /// Closes and removes the temporary file.
    func abandon() {
        if descriptor >= 0 { close(descriptor) }
        descriptor = -1
        unlink(temporary)
        TemporaryFiles.shared.unregister(temporary)
    }

    private func fail(_ what: String) -> OutputError {
        let reason = String(cString: strerror(errno))
        abandon()
        return OutputError(line: "\(target): cannot \(what): \(reason)")
    }
}
