/// The names of clvsim's temporary files (docs/results.md, "How the files are written"):
/// `.NAME.PID.HEX.tmp` next to the file NAME they will replace, where PID is the writing
/// process and HEX 16 random hexadecimal digits, so that nobody can plant a file or link under
/// the name in advance. Older versions wrote `.NAME.PID.tmp` (and `.NAME.fit-PID.tmp` for
/// `fit --into`); those names are recognised too, so their leftovers can be cleaned up.
enum TemporaryFileName {
    /// A fresh, unpredictable temporary name for `name`, carrying this process's id.
    ///
    /// - Complexity: O(length of name).
    static func make(for name: String, pid: Int32) -> String {
        var random = SystemRandomNumberGenerator()
        let hex = String(random.next(), radix: 16)
        return ".\(name).\(pid).\(String(repeating: "0", count: 16 - hex.count) + hex).tmp"
    }

    /// The id of the process that made `file` (a name without folder), or nil when the name is
    /// not one of clvsim's temporary names.
    ///
    /// - Complexity: O(length of file).
    static func owner(of file: String) -> Int32? {
        guard file.count > 6, file.hasPrefix("."), file.hasSuffix(".tmp") else { return nil }
        var parts = file.dropFirst().dropLast(4).split(separator: ".", omittingEmptySubsequences: false)
        if parts.count >= 3, let last = parts.last, last.count == 16, last.allSatisfy({ "0123456789abcdef".contains($0) }) {
            parts.removeLast()
        }
        guard parts.count >= 2 else { return nil }
        var pidText = parts.removeLast()
        if pidText.hasPrefix("fit-") { pidText = pidText.dropFirst(4) }
        guard (1...10).contains(pidText.count), pidText.allSatisfy({ $0 >= "0" && $0 <= "9" }),
              let pid = Int32(pidText), pid > 0, !parts.joined(separator: ".").isEmpty else { return nil }
        return pid
    }
}
