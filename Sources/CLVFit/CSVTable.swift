/// A comma-separated table read by RFC 4180 rules, each record remembering the line it starts on.
///
/// Fields are separated by commas and records by `\n` or `\r\n`. A field in double quotes may
/// hold commas, line breaks and doubled quotes (`""` stands for `"`). Blank lines are skipped, a
/// leading byte-order mark is dropped, and surrounding spaces of unquoted fields are trimmed.
/// Line numbers count every line break, including those inside quoted fields, so an error can
/// point at the line a user sees in an editor.
public struct CSVTable: Sendable, Equatable {
    /// One record and the 1-based line it starts on.
    public struct Record: Sendable, Equatable {
        /// The 1-based line of the input where the record starts.
        public var line: Int
        /// The record's fields, unquoted.
        public var fields: [String]

        /// A record of `fields` starting on `line`.
        ///
        /// - Complexity: O(1).
        public init(line: Int, fields: [String]) {
            self.line = line
            self.fields = fields
        }
    }

    /// The non-blank records in input order.
    public var records: [Record]

    /// A table of records already read.
    ///
    /// - Complexity: O(1).
    public init(records: [Record]) { self.records = records }

    /// Reads `text` as CSV.
    ///
    /// - Throws: `FitError` naming the line of an unterminated quoted field or of a quote inside
    ///   an unquoted field.
    /// - Complexity: O(n) in the length of `text`.
    public init(parsing text: String) throws {
        var records: [Record] = []
        var text = text
        try text.withUTF8 { bytes in
            try Self.forEachRecord(in: bytes) { records.append($0) }
        }
        self.records = records
    }

    /// Reads CSV `bytes` (UTF-8).
    ///
    /// - Throws: as `init(parsing:)`.
    /// - Complexity: O(n) in the number of bytes.
    public init(bytes: [UInt8]) throws {
        var records: [Record] = []
        try bytes.withUnsafeBufferPointer { buffer in
            try Self.forEachRecord(in: buffer) { records.append($0) }
        }
        self.records = records
    }

    /// Calls `body` with each non-blank record of the CSV `bytes` (UTF-8) in order, without
    /// holding the records: a file of any size is read in one pass with memory for one record.
    ///
    /// - Throws: `FitError` naming the line of an unterminated quoted field or of a quote inside
    ///   an unquoted field, or what `body` throws (reading stops there).
    /// - Complexity: O(n) in the number of bytes, plus the calls to `body`.
    public static func forEachRecord(in bytes: UnsafeBufferPointer<UInt8>, _ body: (Record) throws -> Void) throws {
        var fields: [String] = []
        var fieldStart = 0          // first byte of the current unquoted field
        var quoted: [UInt8] = []    // the current quoted field's bytes, quotes undoubled
        var line = 1
        var recordLine = 1
        var inQuotes = false
        var quotedField = false
        var quoteLine = 1
        let quote = UInt8(ascii: "\""), comma = UInt8(ascii: ","), newline = UInt8(ascii: "\n")
        let cr = UInt8(ascii: "\r"), space = UInt8(ascii: " "), tab = UInt8(ascii: "\t")
        var i = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        fieldStart = i
        let end = bytes.count

        // The unquoted field bytes[fieldStart..<upTo] without carriage returns, trimmed of spaces.
        func unquotedField(upTo stop: Int) -> String {
            var a = fieldStart, b = stop
            while a < b, bytes[a] == space || bytes[a] == tab || bytes[a] == cr { a += 1 }
            while b > a, bytes[b - 1] == space || bytes[b - 1] == tab || bytes[b - 1] == cr { b -= 1 }
            let slice = UnsafeBufferPointer(rebasing: bytes[a..<b])
            if !slice.contains(cr) { return String(decoding: slice, as: UTF8.self) }
            return String(decoding: slice.filter { $0 != cr }, as: UTF8.self)
        }
        func finishField(at stop: Int) {
            if quotedField {
                fields.append(String(decoding: quoted, as: UTF8.self))
                quoted.removeAll(keepingCapacity: true)
                quotedField = false
            } else {
                fields.append(unquotedField(upTo: stop))
            }
        }
        func finishRecord(at stop: Int) throws {
            finishField(at: stop)
            if !(fields.count == 1 && fields[0].isEmpty) {
                try body(Record(line: recordLine, fields: fields))
            }
            fields.removeAll(keepingCapacity: true)
        }

        while i < end {
            let b = bytes[i]
            if inQuotes {
                if b == quote {
                    if i + 1 < end, bytes[i + 1] == quote {
                        quoted.append(b)
                        i += 1
                    } else {
                        inQuotes = false
                    }
                } else {
                    if b == newline { line += 1 }
                    quoted.append(b)
                }
            } else if quotedField {
                // After a closing quote: only spaces, then a separator.
                switch b {
                case comma:
                    finishField(at: i)
                    fieldStart = i + 1
                case newline:
                    try finishRecord(at: i)
                    line += 1
                    recordLine = line
                    fieldStart = i + 1
                case cr, space, tab:
                    break
                case quote:
                    throw FitError(line: line, "a quote (\") inside an unquoted field; quote the whole field and double the quote")
                default:
                    throw FitError(line: line, "text after the closing quote of a field")
                }
            } else {
                switch b {
                case comma:
                    finishField(at: i)
                    fieldStart = i + 1
                case newline:
                    try finishRecord(at: i)
                    line += 1
                    recordLine = line
                    fieldStart = i + 1
                case quote:
                    var k = fieldStart
                    while k < i, bytes[k] == space || bytes[k] == tab || bytes[k] == cr { k += 1 }
                    guard k == i else {
                        throw FitError(line: line, "a quote (\") inside an unquoted field; quote the whole field and double the quote")
                    }
                    inQuotes = true
                    quotedField = true
                    quoteLine = line
                default:
                    break
                }
            }
            i += 1
        }
        if inQuotes {
            throw FitError(line: quoteLine, "a quoted field opened here is never closed")
        }
        if fieldStart < end || !fields.isEmpty || quotedField { try finishRecord(at: end) }
    }
}

extension String {
    /// The string without leading and trailing spaces and tabs.
    func trimmingSpaces() -> String {
        var s = Substring(self)
        while let c = s.first, c == " " || c == "\t" { s.removeFirst() }
        while let c = s.last, c == " " || c == "\t" { s.removeLast() }
        return String(s)
    }
}
