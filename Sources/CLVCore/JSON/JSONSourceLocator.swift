/// Turns byte offsets of a UTF-8 text into 1-based line and column numbers.
///
/// The locator records the line number at every 64 KiB checkpoint of the text, so it needs
/// O(n / 65536) memory and answers a query by scanning at most one block plus the current line.
/// Columns count Unicode scalars (UTF-8 continuation bytes are skipped).
public struct JSONSourceLocator: Sendable {
    private let bytes: [UInt8]
    /// `checkpoints[i]`: (line number, offset of that line's start) at byte `i · blockSize`.
    private let checkpoints: [(line: Int, lineStart: Int)]
    private static let blockSize = 65_536

    /// Creates a locator for `bytes`.
    ///
    /// - Complexity: O(n) time, O(n / 65536) memory.
    public init(_ bytes: [UInt8]) {
        self.bytes = bytes
        var marks: [(line: Int, lineStart: Int)] = []
        marks.reserveCapacity(bytes.count / Self.blockSize + 1)
        var line = 1
        var lineStart = 0
        for i in bytes.indices {
            if i % Self.blockSize == 0 { marks.append((line, lineStart)) }
            if bytes[i] == UInt8(ascii: "\n") {
                line += 1
                lineStart = i + 1
            }
        }
        if marks.isEmpty { marks.append((1, 0)) }
        checkpoints = marks
    }

    /// The 1-based line and column of the character at byte `offset` (clamped to the text).
    ///
    /// - Complexity: O(65536 + length of the line).
    public func location(of offset: Int) -> (line: Int, column: Int) {
        let target = Swift.max(0, Swift.min(offset, bytes.count))
        let block = Swift.min(target / Self.blockSize, checkpoints.count - 1)
        var (line, lineStart) = checkpoints[block]
        var i = block * Self.blockSize
        while i < target {
            if bytes[i] == UInt8(ascii: "\n") {
                line += 1
                lineStart = i + 1
            }
            i += 1
        }
        var column = 1
        var j = lineStart
        while j < target {
            if bytes[j] & 0xC0 != 0x80 { column += 1 }
            j += 1
        }
        return (line, column)
    }
}
