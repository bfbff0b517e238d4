import Testing
@testable import CLVFit

@Suite struct PurchasePeriodTests {
    func day(_ text: String) -> CalendarDate { CalendarDate(iso: text)! }

    @Test func consecutivePeriodsHaveConsecutiveIndices() {
        #expect(PurchasePeriod.month.index(of: day("2025-01-01")) - PurchasePeriod.month.index(of: day("2024-12-31")) == 1)
        #expect(PurchasePeriod.quarter.index(of: day("2024-04-01")) - PurchasePeriod.quarter.index(of: day("2024-03-31")) == 1)
        #expect(PurchasePeriod.year.index(of: day("2024-12-31")) == 2024)
        #expect(PurchasePeriod.day.index(of: day("1970-01-02")) == 1)
        // 2024-03-04 is a Monday: weeks run Monday to Sunday, also before 1970.
        let week = PurchasePeriod.week
        #expect(week.index(of: day("2024-03-04")) == week.index(of: day("2024-03-10")))
        #expect(week.index(of: day("2024-03-04")) == week.index(of: day("2024-03-03")) + 1)
        #expect(week.index(of: day("1969-12-29")) == week.index(of: day("1970-01-04")))
        #expect(week.index(of: day("1969-12-28")) == week.index(of: day("1969-12-29")) - 1)
    }

    @Test func lastDaysAndLabels() {
        for period in PurchasePeriod.allCases {
            for date in ["2024-02-10", "2023-12-31", "1969-07-20"] {
                let i = period.index(of: day(date))
                let last = period.lastDay(ofPeriod: i)
                #expect(period.index(of: last) == i, "\(period) \(date)")
                #expect(period.index(of: CalendarDate(dayNumber: last.dayNumber + 1)) == i + 1, "\(period) \(date)")
            }
        }
        #expect(PurchasePeriod.month.lastDay(ofPeriod: PurchasePeriod.month.index(of: day("2024-02-10"))) == day("2024-02-29"))
        #expect(PurchasePeriod.month.label(ofPeriod: PurchasePeriod.month.index(of: day("2024-02-10"))) == "2024-02")
        #expect(PurchasePeriod.quarter.label(ofPeriod: PurchasePeriod.quarter.index(of: day("2024-05-10"))) == "2024-Q2")
        #expect(PurchasePeriod.week.label(ofPeriod: PurchasePeriod.week.index(of: day("2024-03-07"))) == "week of 2024-03-04")
    }
}
