/// The state of reading one scenario file: the source, and every problem found so far.
///
/// Each `read…` method checks one part of the format, records every problem it finds and returns
/// the decoded value only when that part is valid, so reading goes on after the first mistake and
/// a single pass reports them all.
struct ScenarioDecoder {
    let bytes: [UInt8]
    var errors: [ScenarioIssue] = []
    var warnings: [ScenarioIssue] = []
    /// Names of the scenario's decisions once read (response curves may spend them); nil when
    /// the decisions could not be read, so that names are not reported as unknown twice.
    var decisionNames: [String]? = []
    private var locator: JSONSourceLocator?

    init(bytes: [UInt8]) { self.bytes = bytes }

    /// Errors found but not recorded, beyond `ScenarioLimits.maximumReportedErrors`.
    var suppressedErrors = 0

    /// Every error found so far, recorded or not.
    var errorCount: Int { errors.count + suppressedErrors }

    /// Whether the error list is full; further errors are only counted, so that a hostile file
    /// with millions of mistakes costs no suggestions or position look-ups.
    var isSaturated: Bool { errors.count >= ScenarioLimits.maximumReportedErrors }

    /// Records an error; the message and fix are built only when the error is recorded.
    mutating func error(_ path: String, _ message: @autoclosure () -> String, fix: @autoclosure () -> String) {
        guard !isSaturated else {
            suppressedErrors += 1
            return
        }
        errors.append(ScenarioIssue(path: path, message: message(), fix: fix()))
    }

    /// Records a warning (at most `ScenarioLimits.maximumReportedErrors` of them).
    mutating func warning(_ path: String, _ message: @autoclosure () -> String, fix: @autoclosure () -> String) {
        guard warnings.count < ScenarioLimits.maximumReportedErrors else { return }
        warnings.append(ScenarioIssue(path: path, message: message(), fix: fix()))
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
                if isSaturated {
                    suppressedErrors += 1
                    continue
                }
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
            error(path, "\(what) must be a number, found \(value.typeDescription)\(Self.quoted(value))",
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
            error(path, "\(what) must be a whole number, found \(value.typeDescription)\(Self.quoted(value))",
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
            error(path, "\(what) must be a whole number, found \(value.typeDescription)\(Self.quoted(value))", fix: fix)
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

    private static func quoted(_ value: JSONValue) -> String {
        if case .string(let s) = value.kind { return " \"\(s.prefix(40))\"" }
        return ""
    }
}
