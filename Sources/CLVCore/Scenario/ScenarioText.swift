/// Small text helpers for scenario messages.
extension JSONValue {
    /// Whether the value is a string holding a number, such as `"30"` (a common mistake).
    var isNumericString: Bool {
        if case .string(let s) = kind, !s.isEmpty, Double(s) != nil { return true }
        return false
    }
}

extension String {
    /// The string without leading and trailing spaces and tabs.
    var trimmingSpaces: String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { $0 != " " && $0 != "\t" }),
              let last = scalars.lastIndex(where: { $0 != " " && $0 != "\t" }) else { return "" }
        return String(scalars[first...last])
    }
}

extension Double {
    /// The number as a reader would write it: `95` rather than `95.0`, `0.1` rather than `0.1000…`.
    var shortText: String {
        if isInfinite { return self < 0 ? "-infinity" : "infinity" }
        if self == rounded(), abs(self) < 1e15 { return String(Int64(self)) }
        return "\(self)"
    }
}
