/// Building JSON paths such as `$.segments[0].retention.alpha` for messages.
enum JSONPath {
    /// The path of `key` inside the object at `path`: `path.key`, or `path["key"]` when the key is
    /// not a plain identifier, with `"`, `\\` and control characters escaped as in JSON (`\\u000a`).
    ///
    /// - Complexity: O(length of key).
    static func member(_ path: String, _ key: String) -> String {
        if isIdentifier(key) { return "\(path).\(key)" }
        var escaped = ""
        for scalar in key.unicodeScalars {
            switch scalar {
            case "\"": escaped += "\\\""
            case "\\": escaped += "\\\\"
            case _ where TerminalSafeText.isControl(scalar): escaped += TerminalSafeText.unicodeEscape(scalar)
            default: escaped.unicodeScalars.append(scalar)
            }
        }
        return "\(path)[\"\(escaped.prefix(80))\"]"
    }

    /// The path of element `index` of the array at `path`.
    static func element(_ path: String, _ index: Int) -> String { "\(path)[\(index)]" }

    static func isIdentifier(_ key: String) -> Bool {
        guard let first = key.unicodeScalars.first, key.unicodeScalars.count <= 80 else { return false }
        func isLetter(_ s: Unicode.Scalar) -> Bool { (s >= "a" && s <= "z") || (s >= "A" && s <= "Z") || s == "_" || s == "$" }
        guard isLetter(first) else { return false }
        return key.unicodeScalars.allSatisfy { isLetter($0) || ($0 >= "0" && $0 <= "9") }
    }
}
