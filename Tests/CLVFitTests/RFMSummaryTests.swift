import Testing
@testable import CLVFit

@Suite struct RFMSummaryTests {
    @Test func quintileScoresShareTiesAndSpanOneToFive() {
        #expect(RFMSummary.scores([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]) == [1, 1, 2, 2, 3, 3, 4, 4, 5, 5])
        #expect(RFMSummary.scores([3, 3, 3, 3]) == [1, 1, 1, 1])
        #expect(RFMSummary.scores([10, 1, 1, 1, 1]) == [5, 1, 1, 1, 1])
        #expect(RFMSummary.scores([]) == [])
    }

    @Test func segmentRulesCoverEveryScorePair() {
        #expect(RFMSegment(recencyScore: 5, frequencyScore: 5) == .champions)
        #expect(RFMSegment(recencyScore: 4, frequencyScore: 3) == .loyal)
        #expect(RFMSegment(recencyScore: 3, frequencyScore: 5) == .loyal)
        #expect(RFMSegment(recencyScore: 5, frequencyScore: 1) == .new)
        #expect(RFMSegment(recencyScore: 3, frequencyScore: 2) == .needsAttention)
        #expect(RFMSegment(recencyScore: 1, frequencyScore: 4) == .atRisk)
        #expect(RFMSegment(recencyScore: 2, frequencyScore: 2) == .hibernating)
        var seen = Set<RFMSegment>()
        for r in 1...5 { for f in 1...5 { seen.insert(RFMSegment(recencyScore: r, frequencyScore: f)) } }
        #expect(seen.count == RFMSegment.allCases.count)
    }

    @Test func recencyFrequencyAndMonetaryPerCustomer() throws {
        let text = """
            customer,date,amount
            a,2024-01-01,10
            b,2024-01-10,40
            a,2024-01-05,20
            a,2024-01-05,10
            c,2024-03-01,5
            a,2024-02-01,60
            """
        let log = try TransactionLog(csv: try CSVTable(parsing: text))
        let rfm = try RFMSummary(log)
        #expect(rfm.asOf.description == "2024-03-01")
        let a = try #require(rfm.customers.first { $0.id == "a" })
        #expect(a.frequency == 3)
        #expect(a.total == 100)
        #expect(abs(a.monetary - 100.0 / 3) < 1e-12)
        #expect(a.recency == 29)  // 2024-02-01 → 2024-03-01 in a leap year
        let c = try #require(rfm.customers.first { $0.id == "c" })
        #expect(c.recency == 0)
        #expect(c.recencyScore == 4)  // two of three customers are less recent: 1 + ⌊5·2/3⌋
        let table = rfm.segmentTable
        #expect(table.reduce(0) { $0 + $1.customers } == 3)
        #expect(abs(table.reduce(0) { $0 + $1.revenue } - 145) < 1e-9)
        #expect(abs(table.reduce(0) { $0 + $1.share } - 1) < 1e-12)
    }

    @Test func purchasesAfterTheAnalysisDateAreAnError() throws {
        let log = try TransactionLog(csv: try CSVTable(parsing: "a,2024-01-01,10\nb,2024-05-01,3\n"))
        #expect(throws: FitError(line: 2, "purchase on 2024-05-01 is after the analysis date 2024-02-01")) {
            try RFMSummary(log, asOf: CalendarDate(iso: "2024-02-01"))
        }
    }

    @Test func customerTableIsCSVThatReadsBack() throws {
        let log = try TransactionLog(csv: try CSVTable(parsing: "\"Smith, J.\",2024-01-01,10\nb,2024-01-03,4\n\"Smith, J.\",2024-01-02,30\n"))
        let rfm = try RFMSummary(log)
        // Two customers: the better of each pair scores 1 + ⌊5·1/2⌋ = 3, the other 1.
        let table = try CSVTable(parsing: rfm.customerTable)
        #expect(table.records.count == 3)
        #expect(table.records[1].fields == ["Smith, J.", "2024-01-01", "2024-01-02", "1", "2", "20.0", "40.0", "1", "3", "3", "at-risk"])
        #expect(table.records[2].fields[0] == "b")
    }
}
