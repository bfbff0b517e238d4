#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where an output path really leads, checked before anything is written (docs/results.md,
/// "How the files are written"): a regular file or a new name is replaced atomically; a
/// symbolic link is followed and the file it leads to is replaced, leaving the link; a folder,
/// device, FIFO or socket is never replaced; and an output that is the same file as an input
/// of the command is refused, because writing it would destroy the input.
enum OutputTarget {
    /// The path to replace when writing `path`.
    ///
    /// - Parameters:
    ///   - inputs: the files the command reads; the output may not be any of them.
    ///   - option: the option naming the output, for messages, e.g. "--rfm-out".
    /// - Throws: `OutputError` with exit 64 when the output is an input, else exit 73 (a folder,
    ///   special file, unreadable link, or a loop of links).
    /// - Complexity: O(links followed + inputs) system calls.
    static func resolve(_ path: String, inputs: [String], option: String) throws(OutputError) -> String {
        guard !path.isEmpty else {
            throw OutputError(line: "\(option): the path is empty — give a file name", exit: .usage)
        }
        var current = path
        for _ in 0..<40 {
            var status = stat()
            guard lstat(current, &status) == 0 else {
                if errno == ENOENT { return current }
                throw OutputError(line: "\(path): cannot write the file: \(String(cString: strerror(errno))) — choose another path for \(option)")
            }
            switch status.st_mode & S_IFMT {
            case S_IFLNK:
                guard let link = readLink(current) else {
                    throw OutputError(line: "\(path): cannot read the symbolic link \(current): \(String(cString: strerror(errno))) — choose another path for \(option)")
                }
                current = link.hasPrefix("/") ? link : folder(of: current) + link
            case S_IFREG:
                try checkNotInput(current, status: status, requested: path, inputs: inputs, option: option)
                return current
            default:
                throw OutputError(line: "\(path): cannot write the file: \(current == path ? "it" : "its link target \(current)") is \(kind(status.st_mode)), not a regular file, and is never replaced — choose another path for \(option)")
            }
        }
        throw OutputError(line: "\(path): cannot write the file: too many levels of symbolic links — choose another path for \(option)")
    }

    /// Throws when the existing regular file `target` is one of `inputs`: the same device and
    /// inode (hard links included), or the same canonical path.
    private static func checkNotInput(_ target: String, status: stat, requested: String, inputs: [String],
                                      option: String) throws(OutputError) {
        let canonical = realPath(target)
        for input in inputs {
            var inputStatus = stat()
            let sameInode = stat(input, &inputStatus) == 0 && inputStatus.st_dev == status.st_dev && inputStatus.st_ino == status.st_ino
            let samePath = canonical != nil && canonical == realPath(input)
            if sameInode || samePath {
                throw OutputError(line: "\(option) \(requested) is the same file as the input \(input); writing it would destroy the input — choose another path for \(option)",
                                  exit: .usage)
            }
        }
    }

    /// "a folder", "a device", … for a file type.
    static func kind(_ mode: mode_t) -> String {
        switch mode & S_IFMT {
        case S_IFDIR: return "a folder"
        case S_IFCHR, S_IFBLK: return "a device"
        case S_IFIFO: return "a FIFO (named pipe)"
        case S_IFSOCK: return "a socket"
        default: return "a special file"
        }
    }

    /// The folder part of `path` with a trailing "/", or "" for a bare name.
    static func folder(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "" }
        return String(path[...slash])
    }

    /// The last component of `path`.
    static func name(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return path }
        return String(path[path.index(after: slash)...])
    }

    private static func readLink(_ path: String) -> String? {
        var buffer = [UInt8](repeating: 0, count: Int(PATH_MAX) + 1)
        let count = buffer.withUnsafeMutableBufferPointer { raw in
            raw.baseAddress!.withMemoryRebound(to: CChar.self, capacity: raw.count) { readlink(path, $0, raw.count - 1) }
        }
        guard count > 0 else { return nil }
        return String(decoding: buffer[..<count], as: UTF8.self)
    }

    private static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }
}
