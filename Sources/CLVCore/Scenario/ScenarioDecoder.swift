/// The state of reading one scenario file: the source, and every problem found so far.
///
/// Each `read…` method checks one part of the format, records every problem it finds and returns
/// the decoded value only when that part is valid, so reading goes on after the first mistake and
/// a single pass reports them all.
struct ScenarioDecoder {
    let bytes: [UInt8]
    var errors: [ScenarioIssue] = []
    var warnings: [ScenarioIssue] = []
    private var locator: JSONSourceLocator?

    init(bytes: [UInt8]) { self.bytes = bytes }

    mutating func error(_ path: String, _ message: String, fix: String) {
        errors.append(ScenarioIssue(path: path, message: message, fix: fix))
    }

    mutating func warning(_ path: String, _ message: String, fix: String) {
        warnings.append(ScenarioIssue(path: path, message: message, fix: fix))
    }

    /// "line L, column C" of a byte offset.
    mutating func position(_ offset: UInt32) -> String {
        if locator == nil { locator = JSONSourceLocator(bytes) }
        guard let (line, column) = locator?.location(of: Int(offset)) else { return "" }
        return "line \(line), column \(column)"
    }

    // MARK: Objects

    /// The members of the object at `path`, after reporting a wrong type, duplicate keys, unknown
    /// keys (with a suggestion) and missing required keys. Returns nil only when `value` is not an
    /// object; members with unknown keys are dropped.
    mutating func object(
        _ value: JSONValue, at path: String, what: String, allowed: [String], required: [String] = []
    ) -> JSONFields? {
        guard case .object(let members) = value.kind else {
            error(path, "\(what) must be an object, found \(value.typeDescription)",
                  fix: "write it as {\(required.map { "\"\($0)\": …" }.joined(separator: ", "))}")
            return nil
        }
        var fields = JSONFields(path: path)
        var firstOffset: [String: UInt32] = [:]
        for member in members {
            if let earlier = firstOffset[member.key] {
                let first = position(earlier)
                let second = position(member.keyOffset)
                error(JSONPath.member(path, member.key), "the key \"\(member.key)\" appears twice (\(first) and \(second))",
                      fix: "keep one of them")
                continue
            }
            firstOffset[member.key] = member.keyOffset
            guard allowed.contains(member.key) else {
                let known = allowed.filter { !$0.hasPrefix("$") }
                error(JSONPath.member(path, member.key), "unknown key \"\(member.key)\" in \(what)",
                      fix: KeySuggestion.hint(for: member.key, among: known,
                                              otherwise: "remove it; the keys allowed here are \(known.map { "\"\($0)\"" }.joined(separator: ", "))"))
                continue
            }
            fields.values[member.key] = member.value
        }
        for key in required where fields.values[key] == nil && firstOffset[key] == nil {
            error(JSONPath.member(path, key), "\(what) is missing the required key \"\(key)\"", fix: "add \"\(key)\"")
        }
        return fields
    }

    /// The elements of the array at `path`, after checking the type and the length.
    mutating func array(_ value: JSONValue, at path: String, what: String, count: ClosedRange<Int>) -> [JSONValue]? {
        guard case .array(let elements) = value.kind else {
            error(path, "\(what) must be an array, found \(value.typeDescription)", fix: "write it as [ … ]")
            return nil
        }
        if elements.count < count.lowerBound {
            error(path, "\(what) needs at least \(count.lowerBound) entr\(count.lowerBound == 1 ? "y" : "ies"), found \(elements.count)",
                  fix: "add \(count.lowerBound == 1 ? "one" : "entries")")
            return nil
        }
        if elements.count > count.upperBound {
            error(path, "\(what) has \(elements.count) entries; the limit is \(count.upperBound)",
                  fix: "use at most \(count.upperBound) entries")
            return nil
        }
        return elements
    }

    // MARK: Scalars

    /// A finite number, or nil after reporting why not.
    mutating func number(_ value: JSONValue, at path: String, what: String) -> Double? {
        guard case .number(let text) = value.kind else {
            error(path, "\(what) must be a number, found \(value.typeDescription)\(quoted(value))",
                  fix: value.isNumericString ? "remove the quotes around the number" : "write a number such as 0.5")
            return nil
        }
        guard let x = Double(text), x.isFinite else {
            error(path, "\(what) \(text) is too large to represent (beyond ±1.8e308)", fix: "use a realistic value")
            return nil
        }
        return x
    }

    /// A whole number in `range`, or nil after reporting why not. Accepts `3`, `3.0` and `3e2`;
    /// rejects fractions, values beyond 64 bits and values outside `range`, stating the limit.
    mutating func integer(_ value: JSONValue, at path: String, what: String, range: ClosedRange<Int>) -> Int? {
        guard case .number(let text) = value.kind else {
            error(path, "\(what) must be a whole number, found \(value.typeDescription)\(quoted(value))",
                  fix: value.isNumericString ? "remove the quotes around the number" : "write a whole number from \(range.lowerBound) to \(range.upperBound)")
            return nil
        }
        switch WholeNumber(text) {
        case .fractional:
            error(path, "\(what) must be a whole number, found \(text)", fix: "write a whole number from \(range.lowerBound) to \(range.upperBound)")
            return nil
        case .tooLarge:
            error(path, "\(what) \(text) is too large; the limit is \(range.upperBound)", fix: "write a whole number from \(range.lowerBound) to \(range.upperBound)")
            return nil
        case .exact(let negative, let magnitude):
            guard magnitude <= UInt64(Int.max) else {
                error(path, "\(what) \(text) is too large; the limit is \(range.upperBound)", fix: "write a whole number from \(range.lowerBound) to \(range.upperBound)")
                return nil
            }
            let x = negative ? -Int(magnitude) : Int(magnitude)
            guard range.contains(x) else {
                let limit = x < range.lowerBound ? "at least \(range.lowerBound)" : "at most \(range.upperBound)"
                error(path, "\(what) must be \(limit), found \(text)", fix: "write a whole number from \(range.lowerBound) to \(range.upperBound)")
                return nil
            }
            return x
        }
    }

    /// A whole number from 0 to 2⁶⁴ − 1 (a seed).
    mutating func unsigned64(_ value: JSONValue, at path: String, what: String) -> UInt64? {
        let fix = "write a whole number from 0 to 18446744073709551615"
        guard case .number(let text) = value.kind else {
            error(path, "\(what) must be a whole number, found \(value.typeDescription)\(quoted(value))", fix: fix)
            return nil
        }
        switch WholeNumber(text) {
        case .fractional:
            error(path, "\(what) must be a whole number, found \(text)", fix: fix)
        case .tooLarge:
            error(path, "\(what) \(text) is too large; the limit is 18446744073709551615 (2^64 − 1)", fix: fix)
        case .exact(let negative, let magnitude):
            if negative && magnitude != 0 {
                error(path, "\(what) must be at least 0, found \(text)", fix: fix)
                return nil
            }
            return magnitude
        }
        return nil
    }

    /// A non-empty string of at most `ScenarioLimits.maximumNameLength` characters.
    mutating func string(_ value: JSONValue, at path: String, what: String, maximumLength: Int = ScenarioLimits.maximumNameLength) -> String? {
        guard case .string(let text) = value.kind else {
            error(path, "\(what) must be a string, found \(value.typeDescription)", fix: "put it in double quotes")
            return nil
        }
        if text.isEmpty {
            error(path, "\(what) must not be empty", fix: "write some text")
            return nil
        }
        if text.count > maximumLength {
            error(path, "\(what) is \(text.count) characters long; the limit is \(maximumLength)", fix: "shorten it")
            return nil
        }
        return text
    }

    /// A name used in scenario paths or file names: a non-empty string without dots, slashes or
    /// control characters.
    mutating func name(_ value: JSONValue, at path: String, what: String) -> String? {
        guard let text = string(value, at: path, what: what) else { return nil }
        if text.unicodeScalars.contains(where: { $0 == "." || $0 == "/" || $0 == "\\" || $0.value < 0x20 || $0.value == 0x7F }) {
            error(path, "\(what) \"\(text)\" contains a dot, a slash or a control character",
                  fix: "use letters, digits, '-' and '_' (scenario paths separate names with dots)")
            return nil
        }
        if text.trimmingSpaces != text {
            error(path, "\(what) \"\(text)\" starts or ends with a space", fix: "remove the surrounding spaces")
            return nil
        }
        return text
    }

    private func quoted(_ value: JSONValue) -> String {
        if case .string(let s) = value.kind { return " \"\(s.prefix(40))\"" }
        return ""
    }
}

/// The members of one JSON object that passed key checks, with the object's path.
struct JSONFields {
    let path: String
    var values: [String: JSONValue] = [:]

    init(path: String) { self.path = path }

    subscript(key: String) -> JSONValue? { values[key] }

    /// The JSON path of `key` in this object.
    func path(_ key: String) -> String { JSONPath.member(path, key) }
}

/// How a JSON number's text reads as a whole number.
enum WholeNumber {
    case exact(negative: Bool, magnitude: UInt64)
    case fractional
    case tooLarge

    /// Classifies number text (already valid JSON syntax). Digit strings are read exactly; other
    /// forms (`3.0`, `3e2`) are accepted when their value is whole and below 2⁵³ in magnitude.
    init(_ text: String) {
        let negative = text.hasPrefix("-")
        let digits = negative ? String(text.dropFirst()) : text
        if digits.utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) {
            if let magnitude = UInt64(digits) { self = .exact(negative: negative, magnitude: magnitude) } else { self = .tooLarge }
            return
        }
        guard let x = Double(text), x.isFinite else { self = .tooLarge; return }
        guard x == x.rounded() else { self = .fractional; return }
        guard abs(x) <= 9_007_199_254_740_992 else { self = .tooLarge; return }
        self = .exact(negative: x < 0, magnitude: UInt64(abs(x)))
    }
}

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
