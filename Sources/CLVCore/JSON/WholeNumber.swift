/// How a JSON number's text reads as a whole number.
enum WholeNumber {
    case exact(negative: Bool, magnitude: UInt64)
    case fractional
    case tooLarge

    /// Classifies number text (already valid JSON syntax). Digit strings are read exactly; other
    /// forms (`3.0`, `3e2`) are accepted when their value is whole and below 2⁵³ in magnitude.
    init(_ text: String) {
        let negative = text.hasPrefix("-")
        let digits = negative ? String(text.dropFirst()) : text
        if digits.utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) {
            if let magnitude = UInt64(digits) { self = .exact(negative: negative, magnitude: magnitude) } else { self = .tooLarge }
            return
        }
        guard let x = Double(text), x.isFinite else { self = .tooLarge; return }
        guard x == x.rounded() else { self = .fractional; return }
        guard abs(x) <= 9_007_199_254_740_992 else { self = .tooLarge; return }
        self = .exact(negative: x < 0, magnitude: UInt64(abs(x)))
    }
}
