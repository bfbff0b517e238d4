/// Text from a user's file made safe to print on one terminal line (docs/scenario-format.md,
/// "Checking a file"): control characters — C0 (below U+0020, newline and tab included), DEL
/// and C1 (U+0080–U+009F), and the line and paragraph separators U+2028/U+2029 — become JSON
/// escapes `\u00XX`, so a name can neither split a problem line nor send escape sequences to
/// the terminal. Everything else, backslashes included, is kept as it is.
public enum TerminalSafeText {
    /// `text` with every control character escaped as `\uXXXX` (four hex digits).
    ///
    /// - Complexity: O(length of text).
    public static func escape(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isControl) else { return text }
        var out = ""
        out.reserveCapacity(text.utf8.count + 16)
        for scalar in text.unicodeScalars {
            if isControl(scalar) { out += unicodeEscape(scalar) } else { out.unicodeScalars.append(scalar) }
        }
        return out
    }

    /// Whether `scalar` is escaped by `escape`.
    static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) || scalar.value == 0x2028 || scalar.value == 0x2029
    }

    /// `\u` and the scalar's value as four lower-case hex digits, e.g. `\u000a`, `\u001b`.
    ///
    /// - Complexity: O(1).
    public static func unicodeEscape(_ scalar: Unicode.Scalar) -> String {
        let hex = String(scalar.value, radix: 16)
        return "\\u" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }
}
