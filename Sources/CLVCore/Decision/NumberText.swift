import Foundation

/// Numbers in messages: up to 6 significant digits ("0.0123", "4096").
enum NumberText {
    static func short(_ x: Double) -> String { String(format: "%.6g", x) }
}
