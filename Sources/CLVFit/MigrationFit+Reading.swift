/// Reading migration counts (docs/fitting.md, "Migration"): a CSV table with a header naming
/// the columns `from`, `to` and `count`, in any order.
extension MigrationFit {
    /// Reads a CSV table of counts with a header row naming `from` (`from_segment`, `source`),
    /// `to` (`to_segment`, `destination`) and `count` (`customers`, `n`).
    ///
    /// - Throws: `FitError` naming the line (and column) of a header that lacks a column or has
    ///   an unknown one, a row with the wrong number of fields, or a count that is not a whole
    ///   number ≥ 0; a whole-file error for an empty file or one with no rows.
    /// - Complexity: O(n) for n rows.
    public static func counts(csv table: CSVTable) throws -> [Count] {
        var reader = RowReader()
        var counts: [Count] = []
        for record in table.records {
            if let count = try reader.read(record) { counts.append(count) }
        }
        try reader.finish()
        return counts
    }

    /// Fits straight from a CSV file's bytes (the layout of `counts(csv:)`).
    ///
    /// - Throws: `FitError` as `counts(csv:)` and `init(counts:lostToken:)`.
    /// - Complexity: O(n) in the bytes.
    public init(csvBytes bytes: [UInt8], lostToken: String = "lost") throws {
        var reader = RowReader()
        var counts: [Count] = []
        try bytes.withUnsafeBufferPointer { buffer in
            try CSVTable.forEachRecord(in: buffer) { record in
                if let count = try reader.read(record) { counts.append(count) }
            }
        }
        try reader.finish()
        try self.init(counts: counts, lostToken: lostToken)
    }

    /// Turns CSV records into `Count`s: the first record is the header, each later one is
    /// checked against it.
    struct RowReader {
        static let names: [(column: String, aliases: [String])] = [
            ("from", ["from", "from_segment", "source"]),
            ("to", ["to", "to_segment", "destination"]),
            ("count", ["count", "customers", "n"]),
        ]
        private var columns: (from: Int, to: Int, count: Int)?
        private var width = 0
        private var rows = 0

        /// The record as a count, or nil for the header.
        ///
        /// - Throws: `FitError` at the record's line, as `MigrationFit.counts(csv:)` describes.
        /// - Complexity: O(fields).
        mutating func read(_ record: CSVTable.Record) throws -> Count? {
            guard let columns else {
                try chooseColumns(record)
                return nil
            }
            guard record.fields.count == width else {
                throw FitError(line: record.line, "expected \(width) fields, found \(record.fields.count)")
            }
            let text = record.fields[columns.count]
            let column = "column \(columns.count + 1) (count)"
            guard let count = Int(text) else {
                let reason = Double(text).map { $0 < 0 ? "is negative" : "is not a whole number" } ?? "is not a whole number"
                throw FitError(line: record.line, "\(column): \"\(text)\" \(reason)")
            }
            guard count >= 0 else { throw FitError(line: record.line, "\(column): \(count) is negative") }
            rows += 1
            return Count(from: record.fields[columns.from], to: record.fields[columns.to], count: count, line: record.line)
        }

        /// Checks that the data held counts.
        ///
        /// - Throws: `FitError` for an empty file or a header without rows.
        func finish() throws {
            guard columns != nil else {
                throw FitError(line: 1, "the file is empty; expected a header from,to,count and one row per pair of segments")
            }
            guard rows > 0 else { throw FitError("the file holds a header but no counts") }
        }

        private mutating func chooseColumns(_ header: CSVTable.Record) throws {
            guard !header.fields.contains(where: { Int($0) != nil }) else {
                throw FitError(line: header.line, "the first line must be a header naming the columns from, to, count")
            }
            var found: [String: Int] = [:]
            for (i, field) in header.fields.enumerated() {
                let name = field.lowercased()
                guard let column = Self.names.first(where: { $0.aliases.contains(name) })?.column else {
                    throw FitError(line: header.line, "column \(i + 1): unknown column \"\(field)\"; the columns are from, to, count")
                }
                if let other = found.updateValue(i, forKey: column) {
                    throw FitError(line: header.line, "column \(i + 1): \(column) is named twice (also column \(other + 1))")
                }
            }
            guard let f = found["from"], let t = found["to"], let c = found["count"] else {
                let missing = Self.names.map(\.column).filter { found[$0] == nil }
                throw FitError(line: header.line, "the header lacks the column\(missing.count == 1 ? "" : "s") \(missing.joined(separator: ", ")); the columns are from, to, count")
            }
            columns = (f, t, c)
            width = header.fields.count
        }
    }
}
