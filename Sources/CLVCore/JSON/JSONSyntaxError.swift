/// Why a text is not well-formed JSON, where (1-based line and column), and how to fix it.
public struct JSONSyntaxError: Error, Sendable, Equatable {
    /// 1-based line of the offending character.
    public var line: Int
    /// 1-based column (in Unicode scalars) of the offending character.
    public var column: Int
    /// What is wrong.
    public var message: String
    /// How to fix it.
    public var fix: String

    /// Creates a syntax error.
    ///
    /// - Complexity: O(1).
    public init(line: Int, column: Int, message: String, fix: String) {
        self.line = line
        self.column = column
        self.message = message
        self.fix = fix
    }
}
