/// A strict JSON (RFC 8259) parser that keeps the source position of every value and key.
///
/// Beyond the RFC it enforces limits that keep hostile input harmless: a maximum input size, a
/// maximum nesting depth (which also bounds the parser's recursion), and a maximum number of
/// values. Duplicate keys are kept in the tree, in order, for the reader to report. A leading
/// UTF-8 byte-order mark is skipped. Strings must be valid UTF-8.
public struct JSONParser: Sendable {
    /// Largest accepted input, in bytes.
    public var maximumBytes: Int = 64 * 1024 * 1024
    /// Deepest accepted nesting of arrays and objects.
    public var maximumDepth: Int = 256
    /// Largest accepted number of values (every number, string, array, ... counts one).
    public var maximumValues: Int = 5_000_000

    /// A parser with the default limits.
    ///
    /// - Complexity: O(1).
    public init() {}

    /// Parses `bytes` into a tree, or explains the first syntax error.
    ///
    /// - Complexity: O(n) time; memory proportional to the number of values.
    public func parse(_ bytes: [UInt8]) -> Result<JSONValue, JSONSyntaxError> {
        if bytes.count > maximumBytes {
            return .failure(JSONSyntaxError(
                line: 1, column: 1,
                message: "the file is \(bytes.count) bytes; the limit is \(maximumBytes) bytes (\(maximumBytes / 1_048_576) MiB)",
                fix: "shorten the file (long `empirical` sample lists are the usual cause; summarise them with a fitted distribution)"))
        }
        var state = JSONParserState(bytes: bytes, limits: self)
        do {
            let value = try state.parseDocument()
            return .success(value)
        } catch {
            return .failure(error)
        }
    }
}

/// The cursor and counters of one parse.
struct JSONParserState {
    let bytes: [UInt8]
    let limits: JSONParser
    var index = 0
    var depth = 0
    var valueCount = 0

    init(bytes: [UInt8], limits: JSONParser) {
        self.bytes = bytes
        self.limits = limits
    }

    mutating func parseDocument() throws(JSONSyntaxError) -> JSONValue {
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { index = 3 }
        skipWhitespace()
        if index == bytes.count {
            throw error(at: index, "the file is empty", fix: "write a JSON object such as {\"schemaVersion\": 1, ...}")
        }
        let value = try parseValue()
        skipWhitespace()
        if index < bytes.count {
            throw error(at: index, "unexpected \(describe(index)) after the end of the JSON value",
                        fix: "remove it, or wrap all values in one enclosing object")
        }
        return value
    }

    // MARK: Values

    mutating func parseValue() throws(JSONSyntaxError) -> JSONValue {
        valueCount += 1
        if valueCount > limits.maximumValues {
            throw error(at: index, "the file holds more than \(limits.maximumValues) JSON values, the limit",
                        fix: "shorten the long arrays (summarise long sample lists with a fitted distribution)")
        }
        guard index < bytes.count else {
            throw error(at: index, "the file ends where a value was expected", fix: "complete the value or remove the dangling separator")
        }
        let start = UInt32(truncatingIfNeeded: index)
        switch bytes[index] {
        case UInt8(ascii: "{"): return JSONValue(.object(try parseObject()), offset: start)
        case UInt8(ascii: "["): return JSONValue(.array(try parseArray()), offset: start)
        case UInt8(ascii: "\""): return JSONValue(.string(try parseString()), offset: start)
        case UInt8(ascii: "t"): try parseLiteral("true"); return JSONValue(.bool(true), offset: start)
        case UInt8(ascii: "f"): try parseLiteral("false"); return JSONValue(.bool(false), offset: start)
        case UInt8(ascii: "n"): try parseLiteral("null"); return JSONValue(.null, offset: start)
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return JSONValue(.number(try parseNumber()), offset: start)
        case UInt8(ascii: "'"):
            throw error(at: index, "strings must be in double quotes, found a single quote", fix: "replace ' with \"")
        case UInt8(ascii: "]"), UInt8(ascii: "}"):
            throw error(at: index, "expected a value, found \(describe(index))",
                        fix: "remove the trailing comma before it, or add the missing value")
        default:
            throw error(at: index, "expected a value (object, array, string, number, true, false or null), found \(describe(index))",
                        fix: "write a JSON value here; text must be in double quotes")
        }
    }

    mutating func enterContainer() throws(JSONSyntaxError) {
        depth += 1
        if depth > limits.maximumDepth {
            throw error(at: index, "arrays and objects are nested more than \(limits.maximumDepth) levels deep, the limit",
                        fix: "flatten the structure; a scenario needs only a few levels")
        }
    }

    mutating func parseObject() throws(JSONSyntaxError) -> [JSONMember] {
        try enterContainer()
        index += 1
        var members: [JSONMember] = []
        skipWhitespace()
        if peek(UInt8(ascii: "}")) {
            index += 1
            depth -= 1
            return members
        }
        while true {
            skipWhitespace()
            guard index < bytes.count else {
                throw error(at: index, "the file ends inside an object", fix: "add the missing '}'")
            }
            guard bytes[index] == UInt8(ascii: "\"") else {
                if bytes[index] == UInt8(ascii: "}") {
                    throw error(at: index, "expected a key after ',', found '}'", fix: "remove the trailing comma")
                }
                throw error(at: index, "expected a key in double quotes, found \(describe(index))",
                            fix: "write keys as \"key\": value")
            }
            let keyOffset = UInt32(truncatingIfNeeded: index)
            let key = try parseString()
            skipWhitespace()
            guard peek(UInt8(ascii: ":")) else {
                throw error(at: index, "expected ':' after the key \"\(key)\", found \(describe(index))",
                            fix: "write \"\(key)\": value")
            }
            index += 1
            skipWhitespace()
            let value = try parseValue()
            members.append(JSONMember(key: key, keyOffset: keyOffset, value: value))
            skipWhitespace()
            guard index < bytes.count else {
                throw error(at: index, "the file ends inside an object", fix: "add the missing '}'")
            }
            if bytes[index] == UInt8(ascii: ",") {
                index += 1
                continue
            }
            if bytes[index] == UInt8(ascii: "}") {
                index += 1
                depth -= 1
                return members
            }
            throw error(at: index, "expected ',' or '}' after the value of \"\(key)\", found \(describe(index))",
                        fix: "add a comma between members or close the object with '}'")
        }
    }

    mutating func parseArray() throws(JSONSyntaxError) -> [JSONValue] {
        try enterContainer()
        index += 1
        var elements: [JSONValue] = []
        skipWhitespace()
        if peek(UInt8(ascii: "]")) {
            index += 1
            depth -= 1
            return elements
        }
        while true {
            skipWhitespace()
            elements.append(try parseValue())
            skipWhitespace()
            guard index < bytes.count else {
                throw error(at: index, "the file ends inside an array", fix: "add the missing ']'")
            }
            if bytes[index] == UInt8(ascii: ",") {
                index += 1
                continue
            }
            if bytes[index] == UInt8(ascii: "]") {
                index += 1
                depth -= 1
                return elements
            }
            throw error(at: index, "expected ',' or ']' after an array element, found \(describe(index))",
                        fix: "add a comma between elements or close the array with ']'")
        }
    }

    mutating func parseLiteral(_ word: StaticString) throws(JSONSyntaxError) {
        let start = index
        var matched = true
        word.withUTF8Buffer { buffer in
            for (k, byte) in buffer.enumerated() where start + k >= bytes.count || bytes[start + k] != byte {
                matched = false
                break
            }
            if matched { index += buffer.count }
        }
        if !matched {
            throw error(at: start, "unknown word starting with \(describe(start))",
                        fix: "use true, false or null, or put text in double quotes")
        }
    }

    mutating func parseNumber() throws(JSONSyntaxError) -> String {
        let start = index
        if peek(UInt8(ascii: "-")) { index += 1 }
        guard index < bytes.count, isDigit(bytes[index]) else {
            throw error(at: index, "expected a digit in the number, found \(describe(index))", fix: "write numbers like -12.5 or 3e6")
        }
        if bytes[index] == UInt8(ascii: "0") {
            index += 1
            if index < bytes.count, isDigit(bytes[index]) {
                throw error(at: start, "numbers must not have leading zeros", fix: "remove the leading zero")
            }
        } else {
            while index < bytes.count, isDigit(bytes[index]) { index += 1 }
        }
        if peek(UInt8(ascii: ".")) {
            index += 1
            guard index < bytes.count, isDigit(bytes[index]) else {
                throw error(at: index, "expected a digit after the decimal point, found \(describe(index))",
                            fix: "write 1.0 rather than 1.")
            }
            while index < bytes.count, isDigit(bytes[index]) { index += 1 }
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
            index += 1
            if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") { index += 1 }
            guard index < bytes.count, isDigit(bytes[index]) else {
                throw error(at: index, "expected a digit in the exponent, found \(describe(index))", fix: "write exponents like 1e6")
            }
            while index < bytes.count, isDigit(bytes[index]) { index += 1 }
        }
        return String(decoding: bytes[start..<index], as: UTF8.self)
    }

    mutating func parseString() throws(JSONSyntaxError) -> String {
        let open = index
        index += 1
        let contentStart = index
        // Fast path: no escapes.
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                let slice = bytes[contentStart..<index]
                guard let text = String(validating: slice, as: UTF8.self) else {
                    throw error(at: contentStart, "the string is not valid UTF-8", fix: "save the file as UTF-8")
                }
                index += 1
                return text
            }
            if byte == UInt8(ascii: "\\") { break }
            if byte < 0x20 {
                throw error(at: index, "control character (byte 0x\(hex(byte))) inside a string",
                            fix: byte == 0x0A ? "close the string before the line break, or write \\n" : "escape it as \\u00\(hex(byte))")
            }
            index += 1
        }
        var buffer = Array(bytes[contentStart..<index])
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                guard let text = String(validating: buffer, as: UTF8.self) else {
                    throw error(at: contentStart, "the string is not valid UTF-8", fix: "save the file as UTF-8")
                }
                index += 1
                return text
            }
            if byte < 0x20 {
                throw error(at: index, "control character (byte 0x\(hex(byte))) inside a string",
                            fix: byte == 0x0A ? "close the string before the line break, or write \\n" : "escape it as \\u00\(hex(byte))")
            }
            if byte != UInt8(ascii: "\\") {
                buffer.append(byte)
                index += 1
                continue
            }
            let escapeStart = index
            index += 1
            guard index < bytes.count else { break }
            switch bytes[index] {
            case UInt8(ascii: "\""): buffer.append(UInt8(ascii: "\""))
            case UInt8(ascii: "\\"): buffer.append(UInt8(ascii: "\\"))
            case UInt8(ascii: "/"): buffer.append(UInt8(ascii: "/"))
            case UInt8(ascii: "b"): buffer.append(0x08)
            case UInt8(ascii: "f"): buffer.append(0x0C)
            case UInt8(ascii: "n"): buffer.append(0x0A)
            case UInt8(ascii: "r"): buffer.append(0x0D)
            case UInt8(ascii: "t"): buffer.append(0x09)
            case UInt8(ascii: "u"):
                index += 1
                var scalar = try hexQuad(escapeStart)
                if (0xD800...0xDBFF).contains(scalar) {
                    guard index + 1 < bytes.count, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u") else {
                        throw error(at: escapeStart, "unpaired UTF-16 surrogate in a \\u escape", fix: "follow a high surrogate with a low one (\\uDC00–\\uDFFF)")
                    }
                    index += 2
                    let low = try hexQuad(escapeStart)
                    guard (0xDC00...0xDFFF).contains(low) else {
                        throw error(at: escapeStart, "unpaired UTF-16 surrogate in a \\u escape", fix: "follow a high surrogate with a low one (\\uDC00–\\uDFFF)")
                    }
                    scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                } else if (0xDC00...0xDFFF).contains(scalar) {
                    throw error(at: escapeStart, "unpaired UTF-16 surrogate in a \\u escape", fix: "remove it or precede it with a high surrogate")
                }
                guard let unicode = Unicode.Scalar(scalar) else {
                    throw error(at: escapeStart, "invalid \\u escape", fix: "use a valid Unicode code point")
                }
                buffer.append(contentsOf: Array(String(Character(unicode)).utf8))
                continue
            default:
                throw error(at: escapeStart, "unknown escape \\\(printable(index))",
                            fix: "use one of \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX (write a backslash as \\\\)")
            }
            index += 1
        }
        throw error(at: open, "the string starting here is never closed", fix: "add the closing double quote")
    }

    /// Reads four hex digits at `index` and advances past them.
    mutating func hexQuad(_ escapeStart: Int) throws(JSONSyntaxError) -> UInt32 {
        var value: UInt32 = 0
        for _ in 0..<4 {
            guard index < bytes.count, let digit = hexValue(bytes[index]) else {
                throw error(at: escapeStart, "a \\u escape needs four hex digits", fix: "write it as \\u00e9, for example")
            }
            value = value << 4 | digit
            index += 1
        }
        return value
    }

    // MARK: Helpers

    mutating func skipWhitespace() {
        while index < bytes.count {
            switch bytes[index] {
            case 0x20, 0x09, 0x0A, 0x0D: index += 1
            default: return
            }
        }
    }

    func peek(_ byte: UInt8) -> Bool { index < bytes.count && bytes[index] == byte }

    func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }

    func hexValue(_ byte: UInt8) -> UInt32? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return UInt32(byte - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return UInt32(byte - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return UInt32(byte - UInt8(ascii: "A") + 10)
        default: return nil
        }
    }

    func hex(_ byte: UInt8) -> String {
        let digits = Array("0123456789ABCDEF")
        return String(digits[Int(byte >> 4)]) + String(digits[Int(byte & 0x0F)])
    }

    func printable(_ at: Int) -> String {
        guard at < bytes.count else { return "" }
        let byte = bytes[at]
        return byte >= 0x20 && byte < 0x7F ? String(UnicodeScalar(byte)) : "(byte 0x\(hex(byte)))"
    }

    /// The character at `at` in words, for messages.
    func describe(_ at: Int) -> String {
        guard at < bytes.count else { return "the end of the file" }
        let byte = bytes[at]
        if byte >= 0x21 && byte < 0x7F { return "'\(String(UnicodeScalar(byte)))'" }
        return "byte 0x\(hex(byte))"
    }

    func error(at offset: Int, _ message: String, fix: String) -> JSONSyntaxError {
        let (line, column) = JSONSourceLocator(Array(bytes[0..<Swift.min(offset, bytes.count)])).location(of: offset)
        return JSONSyntaxError(line: line, column: column, message: message, fix: fix)
    }
}
