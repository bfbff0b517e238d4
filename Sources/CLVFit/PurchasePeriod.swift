/// The calendar period a transaction log is bucketed into for period-by-period models: a day,
/// an ISO week (Monday to Sunday), a calendar month, a quarter or a year.
///
/// Periods are numbered consecutively, so the number of periods between two dates is the
/// difference of their period indices: `index(of:)` is the day number for days,
/// ⌊(d + 3)/7⌋ for weeks (1970-01-01 was a Thursday, so the shift makes weeks start on Monday),
/// 12·year + month − 1 for months, 4·year + ⌊(month − 1)/3⌋ for quarters, and the year for
/// years.
public enum PurchasePeriod: String, Sendable, CaseIterable {
    case day, week, month, quarter, year

    /// The index of the period that holds `date`.
    ///
    /// - Complexity: O(1).
    public func index(of date: CalendarDate) -> Int {
        switch self {
        case .day:
            return date.dayNumber
        case .week:
            // Floor division, so days before 1970 fall into the right week too.
            let shifted = date.dayNumber + 3
            return shifted >= 0 ? shifted / 7 : -((-shifted + 6) / 7)
        case .month, .quarter, .year:
            let (y, m, _) = date.components
            switch self {
            case .month: return 12 * y + m - 1
            case .quarter: return 4 * y + (m - 1) / 3
            default: return y
            }
        }
    }

    /// The last day of the period with index `index`.
    ///
    /// - Complexity: O(1).
    public func lastDay(ofPeriod index: Int) -> CalendarDate {
        switch self {
        case .day:
            return CalendarDate(dayNumber: index)
        case .week:
            return CalendarDate(dayNumber: 7 * index + 3)
        case .month, .quarter, .year:
            let (year, lastMonth): (Int, Int)
            switch self {
            case .month: (year, lastMonth) = (Self.floorDivide(index, 12), Self.floorModulo(index, 12) + 1)
            case .quarter: (year, lastMonth) = (Self.floorDivide(index, 4), 3 * Self.floorModulo(index, 4) + 3)
            default: (year, lastMonth) = (index, 12)
            }
            let day = CalendarDate.daysIn(month: lastMonth, year: year)
            return CalendarDate(year: year, month: lastMonth, day: day) ?? CalendarDate(dayNumber: 0)
        }
    }

    /// The period `index` as text: `2024-03-05` (day), `week of 2024-03-04` (its Monday),
    /// `2024-03` (month), `2024-Q1` (quarter), `2024` (year).
    ///
    /// - Complexity: O(1).
    public func label(ofPeriod index: Int) -> String {
        let last = lastDay(ofPeriod: index)
        switch self {
        case .day: return last.description
        case .week: return "week of \(CalendarDate(dayNumber: last.dayNumber - 6))"
        case .month: return String(last.description.prefix(7))
        case .quarter: return "\(last.components.year)-Q\(last.components.month / 3)"
        case .year: return String(last.components.year)
        }
    }

    private static func floorDivide(_ a: Int, _ b: Int) -> Int { a >= 0 ? a / b : -((-a + b - 1) / b) }
    private static func floorModulo(_ a: Int, _ b: Int) -> Int { a - b * floorDivide(a, b) }
}
