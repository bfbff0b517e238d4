/// One problem (or warning) found in a scenario file: where it is, what is wrong, how to fix it.
///
/// Problems in the content are located by a JSON path (`$.segments[0].retention.alpha`);
/// syntax errors, found before there is any structure to name, by line and column.
public struct ScenarioIssue: Sendable, Equatable, CustomStringConvertible {
    /// JSON path of the offending value, e.g. `$.segments[0].retention.alpha`; `$` for the whole file.
    public var path: String
    /// 1-based line, for syntax errors (and duplicate keys); nil otherwise.
    public var line: Int?
    /// 1-based column, with `line`.
    public var column: Int?
    /// What is wrong.
    public var message: String
    /// How to fix it.
    public var fix: String

    /// An issue located by JSON path.
    ///
    /// - Complexity: O(1).
    public init(path: String, message: String, fix: String) {
        self.path = path
        self.message = message
        self.fix = fix
    }

    /// An issue located by line and column (a syntax error).
    ///
    /// - Complexity: O(1).
    public init(line: Int, column: Int, message: String, fix: String) {
        self.path = "$"
        self.line = line
        self.column = column
        self.message = message
        self.fix = fix
    }

    /// The issue as one line: `FILE: $.path: message — fix`, or `FILE:LINE:COLUMN: message — fix`
    /// for syntax errors. Names and text quoted from the file are echoed with their control
    /// characters escaped (`TerminalSafeText`), so the line stays one line.
    ///
    /// - Complexity: O(length of the text).
    public func formatted(file: String) -> String {
        let location: String
        if let line, let column, path == "$" {
            location = "\(file):\(line):\(column)"
        } else {
            location = "\(file): \(path)"
        }
        return TerminalSafeText.escape(fix.isEmpty ? "\(location): \(message)" : "\(location): \(message) — \(fix)")
    }

    /// The issue as a warning in a run's summary, where the scenario is known:
    /// `scenario $.path: message — fix`.
    ///
    /// - Complexity: O(length of the text).
    public var summaryLine: String {
        let location = line.map { "scenario line \($0)" } ?? "scenario \(path)"
        return fix.isEmpty ? "\(location): \(message)" : "\(location): \(message) — \(fix)"
    }

    /// The issue formatted for a file named `<scenario>`.
    ///
    /// - Complexity: O(length of the text).
    public var description: String { formatted(file: "<scenario>") }
}
