import Testing
@testable import CLVFit

@Suite struct CalendarDateTests {
    @Test(arguments: [("2000-03-01", 11017), ("1970-01-01", 0), ("2024-02-29", 19782), ("1969-12-31", -1),
                      ("2100-03-01", 47541), ("2024-02-29T13:45:00Z", 19782), ("2024-02-29 08:00", 19782)])
    func dayNumbersMatchTheProlepticGregorianCalendar(text: String, days: Int) throws {
        let date = try #require(CalendarDate(iso: text))
        #expect(date.dayNumber == days)
        #expect(date.description == String(text.prefix(10)))
    }

    @Test(arguments: ["2023-02-29", "2100-02-29", "2024-13-01", "2024-04-31", "2024-00-10", "24-01-01",
                      "2024/01/01", "01.02.2024", "2024-01-1", "2024-01-01x", "", "yesterday"])
    func impossibleOrMalformedDatesAreRejected(text: String) {
        #expect(CalendarDate(iso: text) == nil)
    }

    @Test func roundTripOverFourCenturies() {
        var day = CalendarDate(year: 1900, month: 1, day: 1)?.dayNumber ?? 0
        let end = CalendarDate(year: 2300, month: 12, day: 31)?.dayNumber ?? 0
        var mismatches = 0
        while day <= end {
            let (y, m, d) = CalendarDate(dayNumber: day).components
            if CalendarDate(year: y, month: m, day: d)?.dayNumber != day { mismatches += 1 }
            day += 1
        }
        #expect(mismatches == 0)
    }
}
