import ArgumentParser
import Foundation

/// The `--discount-rates` list: comma-separated annual discount rates as fractions, each from
/// −0.99 to 1 (−99% to 100% a year; docs/model.md, "Time, timing and discounting"), at most 32,
/// duplicates dropped (the first kept).
///
/// `init?(argument:)` refuses a bad list without a reason (ArgumentParser's generic message);
/// `parse(_:)`, used as the option's `transform`, refuses it with the reason, e.g.
/// "8 is 800% a year; give rates as fractions, e.g. 0.08".
struct DiscountRateList: ExpressibleByArgument, Sendable {
    /// The rates in the order given, without duplicates.
    let rates: [Double]

    /// The lowest and highest rate accepted.
    static let accepted: ClosedRange<Double> = -0.99...1
    /// The most rates in one list.
    static let maximumCount = 32

    /// The list in `argument`, or nil when it has a problem (see `problem(in:)`).
    ///
    /// - Complexity: O(length of argument + rates²) (rates ≤ 32).
    init?(argument: String) {
        let (rates, problem) = Self.read(argument)
        guard problem == nil else { return nil }
        self.rates = rates
    }

    /// The list in `argument`.
    ///
    /// - Throws: `ValidationError` stating what is wrong with the list (exit 64).
    /// - Complexity: O(length of argument + rates²).
    static func parse(_ argument: String) throws -> DiscountRateList {
        if let problem = problem(in: argument) { throw ValidationError(problem) }
        return DiscountRateList(argument: argument)!
    }

    /// What is wrong with the list in `argument`, or nil when it is good.
    ///
    /// - Complexity: O(length of argument + rates²).
    static func problem(in argument: String) -> String? { read(argument).problem }

    /// The rates of `argument` and the first problem found, if any.
    private static func read(_ argument: String) -> (rates: [Double], problem: String?) {
        var rates: [Double] = []
        for part in argument.split(separator: ",", omittingEmptySubsequences: false) {
            let text = part.trimmingCharacters(in: .whitespaces)
            guard !text.isEmpty else {
                return ([], "--discount-rates: \"\(argument)\" has an empty entry; separate rates with single commas, e.g. 0.06,0.08,0.12")
            }
            guard let rate = Double(text), rate.isFinite else {
                return ([], "--discount-rates: \"\(text)\" is not a number; give annual rates as fractions, e.g. 0.08 for 8%")
            }
            guard accepted.contains(rate) else {
                return ([], rate > 1
                    ? "--discount-rates: \(text) is \(percent(rate)) a year; give rates as fractions, e.g. 0.08 for 8% (rates above 1, i.e. 100%, are not accepted)"
                    : "--discount-rates: \(text) is \(percent(rate)) a year; rates must be at least -0.99 (-99%), since a rate of -100% or less has no meaning")
            }
            if !rates.contains(rate) { rates.append(rate) }
        }
        if rates.count > maximumCount {
            return ([], "--discount-rates: \(rates.count) different rates given; give at most \(maximumCount)")
        }
        return (rates, nil)
    }

    static var defaultValueDescription: String { "rates" }

    /// `rate` as a percentage without needless decimals, e.g. 800%, 12.5%.
    static func percent(_ rate: Double) -> String {
        let pct = rate * 100
        if pct == pct.rounded(), abs(pct) < 1e15 { return "\(Int64(pct))%" }
        return "\(pct)%"
    }
}
