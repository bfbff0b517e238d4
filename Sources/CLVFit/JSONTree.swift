import Foundation

/// A JSON value, for building scenario fragments and editing scenario files without losing
/// content the edit does not touch.
///
/// Conversion to and from Foundation's `JSONSerialization` objects keeps every value;
/// object keys are written sorted.
public enum JSONTree: Sendable, Equatable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONTree])
    case object([String: JSONTree])

    /// Parses JSON text.
    ///
    /// - Throws: `FitError` describing where the text is not JSON.
    /// - Complexity: O(n).
    public init(parsing bytes: [UInt8]) throws {
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: Data(bytes), options: [.fragmentsAllowed])
        } catch {
            throw FitError("not valid JSON: \(error.localizedDescription)")
        }
        self = JSONTree(foundation: object)
    }

    /// A value from a `JSONSerialization` object.
    init(foundation object: Any) {
        switch object {
        case let dictionary as [String: Any]:
            self = .object(dictionary.mapValues { JSONTree(foundation: $0) })
        case let array as [Any]:
            self = .array(array.map { JSONTree(foundation: $0) })
        case let string as String:
            self = .string(string)
        case let number as NSNumber:
            // JSONSerialization gives booleans as NSNumber of Objective-C type `c` (char).
            if String(cString: number.objCType) == "c" {
                self = .bool(number.boolValue)
            } else {
                self = .number(number.doubleValue)
            }
        default:
            self = .null
        }
    }

    /// The value as a `JSONSerialization` object.
    var foundation: Any {
        switch self {
        case .null: return NSNull()
        case .bool(let b): return b
        case .number(let x):
            if x == x.rounded(), abs(x) < 1e15 { return Int(x) }
            return x
        case .string(let s): return s
        case .array(let a): return a.map(\.foundation)
        case .object(let o): return o.mapValues(\.foundation)
        }
    }

    /// Pretty-printed JSON text with sorted keys.
    ///
    /// - Complexity: O(size).
    public func text() -> String {
        let options: JSONSerialization.WritingOptions = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes, .fragmentsAllowed]
        guard let data = try? JSONSerialization.data(withJSONObject: foundation, options: options) else { return "null" }
        return String(decoding: data, as: UTF8.self)
    }

    /// The object's value at `key`, when this is an object.
    ///
    /// - Complexity: O(1) on average.
    public subscript(key: String) -> JSONTree? {
        if case .object(let o) = self { return o[key] }
        return nil
    }
}
