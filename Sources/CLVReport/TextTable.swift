/// A plain-text table with a header row and aligned columns, for terminal output.
public struct TextTable: Sendable {
    public enum Alignment: Sendable { case left, right }

    public var headers: [String]
    public var alignments: [Alignment]
    public var rows: [[String]] = []

    public init(headers: [String], alignments: [Alignment]) {
        self.headers = headers
        self.alignments = alignments
    }

    public mutating func add(_ row: [String]) { rows.append(row) }

    /// The table as lines, columns separated by two spaces, indented by `indent`.
    ///
    /// - Complexity: O(cells).
    public func lines(indent: String = "  ") -> [String] {
        var widths = headers.map(\.count)
        for row in rows {
            for (i, cell) in row.enumerated() where i < widths.count { widths[i] = max(widths[i], cell.count) }
        }
        func render(_ cells: [String]) -> String {
            var parts: [String] = []
            for (i, width) in widths.enumerated() {
                let cell = i < cells.count ? cells[i] : ""
                let padding = String(repeating: " ", count: width - cell.count)
                parts.append(alignments[i] == .left ? cell + padding : padding + cell)
            }
            var line = indent + parts.joined(separator: "  ")
            while line.last == " " { line.removeLast() }
            return line
        }
        var result = [render(headers)]
        result.append(indent + widths.map { String(repeating: "─", count: $0) }.joined(separator: "  "))
        result += rows.map(render)
        return result
    }
}
