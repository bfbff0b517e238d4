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
        var fields: [String] = []
        var field: [UInt8] = []
        var line = 1
        var recordLine = 1
        var inQuotes = false
        var quotedField = false
        var quoteLine = 1
        var bytes = Array(text.utf8)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }

        func finishField() {
            var s = String(decoding: field, as: UTF8.self)
            if !quotedField { s = s.trimmingSpaces() }
            fields.append(s)
            field.removeAll(keepingCapacity: true)
            quotedField = false
        }
        func finishRecord() {
            finishField()
            if !(fields.count == 1 && fields[0].isEmpty) {
                records.append(Record(line: recordLine, fields: fields))
            }
            fields.removeAll()
        }

        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            if inQuotes {
                if b == UInt8(ascii: "\"") {
                    if i + 1 < bytes.count, bytes[i + 1] == UInt8(ascii: "\"") {
                        field.append(b)
                        i += 1
                    } else {
                        inQuotes = false
                    }
                } else {
                    if b == UInt8(ascii: "\n") { line += 1 }
                    field.append(b)
                }
            } else {
                switch b {
                case UInt8(ascii: ","):
                    finishField()
                case UInt8(ascii: "\n"):
                    finishRecord()
                    line += 1
                    recordLine = line
                case UInt8(ascii: "\r"):
                    break
                case UInt8(ascii: "\""):
                    let before = String(decoding: field, as: UTF8.self).trimmingSpaces()
                    guard before.isEmpty, !quotedField else {
                        throw FitError(line: line, "a quote (\") inside an unquoted field; quote the whole field and double the quote")
                    }
                    field.removeAll()
                    inQuotes = true
                    quotedField = true
                    quoteLine = line
                default:
                    if quotedField {
                        if b == UInt8(ascii: " ") || b == UInt8(ascii: "\t") { break }
                        throw FitError(line: line, "text after the closing quote of a field")
                    }
                    field.append(b)
                }
            }
            i += 1
        }
        if inQuotes {
            throw FitError(line: quoteLine, "a quoted field opened here is never closed")
        }
        if !field.isEmpty || !fields.isEmpty || quotedField { finishRecord() }
        self.records = records
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
