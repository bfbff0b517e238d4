import CLVCore

/// Data that cannot be fitted, with the line of the input that is at fault.
///
/// `line` is the 1-based line of the input text where the offending record starts (for a list
/// given on the command line, the 1-based position of the offending value, see `position`); it
/// is nil for problems of the data set as a whole that no single line causes.
public struct FitError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Where in the input the problem is.
    public enum Location: Sendable, Equatable {
        /// A 1-based line of a text file.
        case line(Int)
        /// A 1-based position in a comma-separated list of values.
        case position(Int)
        /// The data as a whole.
        case whole
    }

    /// Where the problem is.
    public var location: Location
    /// What is wrong, in a sentence a user can act on.
    public var message: String

    /// A problem at a 1-based line of the input.
    ///
    /// - Complexity: O(1).
    public init(line: Int, _ message: String) {
        self.location = .line(line)
        self.message = message
    }

    /// A problem at a 1-based position of a list of values.
    ///
    /// - Complexity: O(1).
    public init(position: Int, _ message: String) {
        self.location = .position(position)
        self.message = message
    }

    /// A problem of the data as a whole.
    ///
    /// - Complexity: O(1).
    public init(_ message: String) {
        self.location = .whole
        self.message = message
    }

    /// The 1-based line, when the problem has one.
    public var line: Int? {
        if case .line(let n) = location { return n }
        return nil
    }

    /// The problem prefixed by the input's name and its location: `FILE:LINE: message`, on one
    /// line: control characters quoted from the data (a line break inside a quoted CSV field,
    /// say) are escaped as `\u000a` (`TerminalSafeText`).
    ///
    /// - Complexity: O(message length).
    public func described(source: String) -> String {
        switch location {
        case .line(let n): return TerminalSafeText.escape("\(source):\(n): \(message)")
        case .position(let n): return TerminalSafeText.escape("\(source): value \(n): \(message)")
        case .whole: return TerminalSafeText.escape("\(source): \(message)")
        }
    }

    /// The problem with its location, on one line, e.g. `line 3: …`.
    public var description: String {
        switch location {
        case .line(let n): return TerminalSafeText.escape("line \(n): \(message)")
        case .position(let n): return TerminalSafeText.escape("value \(n): \(message)")
        case .whole: return TerminalSafeText.escape(message)
        }
    }
}
