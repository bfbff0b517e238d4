/// A JSON document with object keys in a fixed order, rendered deterministically.
///
/// Numbers that are not finite are rendered as `null`: the JSON clvsim writes never holds NaN
/// or infinity. Integral doubles below 2⁵³ print without a fraction; other doubles print in the
/// shortest form that reads back to the same value.
public indirect enum JSONText: Sendable, Equatable {
    case object([(String, JSONText)])
    case array([JSONText])
    case string(String)
    case number(Double)
    case integer(Int)
    case bool(Bool)
    case null

    public static func == (lhs: JSONText, rhs: JSONText) -> Bool {
        lhs.rendered() == rhs.rendered()
    }

    /// A number, or `null` when `value` is nil or not finite.
    public static func number(_ value: Double?) -> JSONText {
        guard let value, value.isFinite else { return .null }
        return .number(value)
    }

    /// The document as text, indented by `indent` spaces per level, ending without a newline.
    ///
    /// - Complexity: O(size of the document).
    public func rendered(indent: Int = 2) -> String {
        var out = ""
        write(into: &out, level: 0, indent: indent)
        return out
    }

    private func write(into out: inout String, level: Int, indent: Int) {
        let pad = String(repeating: " ", count: (level + 1) * indent)
        let closePad = String(repeating: " ", count: level * indent)
        let newline = indent > 0 ? "\n" : ""
        let separator = indent > 0 ? ": " : ":"
        switch self {
        case .object(let members):
            if members.isEmpty { out += "{}"; return }
            out += "{" + newline
            for (i, (key, value)) in members.enumerated() {
                out += pad
                Self.writeString(key, into: &out)
                out += separator
                value.write(into: &out, level: level + 1, indent: indent)
                out += (i + 1 < members.count ? "," : "") + newline
            }
            out += closePad + "}"
        case .array(let elements):
            if elements.isEmpty { out += "[]"; return }
            out += "[" + newline
            for (i, value) in elements.enumerated() {
                out += pad
                value.write(into: &out, level: level + 1, indent: indent)
                out += (i + 1 < elements.count ? "," : "") + newline
            }
            out += closePad + "]"
        case .string(let s): Self.writeString(s, into: &out)
        case .number(let x): out += Self.format(x)
        case .integer(let n): out += String(n)
        case .bool(let b): out += b ? "true" : "false"
        case .null: out += "null"
        }
    }

    /// A finite double as JSON text.
    static func format(_ x: Double) -> String {
        guard x.isFinite else { return "null" }
        if x == x.rounded(), abs(x) < 9_007_199_254_740_992 { return String(Int64(x)) }
        return x.description  // shortest round-trip form, e.g. 0.1, 1.5e-07, 2.5e+20
    }

    private static func writeString(_ s: String, into out: inout String) {
        out += "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        out += "\""
    }
}
