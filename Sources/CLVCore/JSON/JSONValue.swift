/// A JSON value together with the byte offset where it starts in its source text.
///
/// Numbers keep their source text (for example `"3.50"` or `"1e400"`), so a reader can tell
/// whole numbers from fractional ones and detect values that do not fit an integer type. The
/// tree is kept compact — one small value per element, short strings stored inline — so that
/// large arrays stay affordable; positions are byte offsets, turned into line and column by
/// `JSONSourceLocator` only when a message needs them.
public struct JSONValue: Sendable {
    /// What the value is.
    public var kind: Kind
    /// Byte offset of the value's first character in the source.
    public var offset: UInt32

    /// The six kinds of JSON value.
    public enum Kind: Sendable {
        case null
        case bool(Bool)
        /// A number, as written in the source (valid JSON number syntax).
        case number(String)
        case string(String)
        case array([JSONValue])
        /// Members in source order; duplicates are kept so a reader can report them.
        case object([JSONMember])
    }

    /// Creates a value at the given byte offset.
    ///
    /// - Complexity: O(1).
    public init(_ kind: Kind, offset: UInt32) {
        self.kind = kind
        self.offset = offset
    }

    /// The JSON type of the value in words ("a number", "an object", ...), for messages.
    ///
    /// - Complexity: O(1).
    public var typeDescription: String {
        switch kind {
        case .null: return "null"
        case .bool: return "a boolean"
        case .number: return "a number"
        case .string: return "a string"
        case .array: return "an array"
        case .object: return "an object"
        }
    }
}

/// One `"key": value` member of a JSON object.
public struct JSONMember: Sendable {
    /// The key, unescaped.
    public var key: String
    /// Byte offset of the key's opening quote.
    public var keyOffset: UInt32
    /// The member's value.
    public var value: JSONValue

    /// Creates a member.
    ///
    /// - Complexity: O(1).
    public init(key: String, keyOffset: UInt32, value: JSONValue) {
        self.key = key
        self.keyOffset = keyOffset
        self.value = value
    }
}
