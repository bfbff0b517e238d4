import Foundation
import Testing
import CLVTestSupport
@testable import CLVFit

/// Reading data files record by record gives exactly what reading the whole table gives.
@Suite struct StreamingReadTests {
    static func data(_ name: String) throws -> [UInt8] {
        Array(try Data(contentsOf: RepositoryFiles.root().appendingPathComponent("scenarios/data/\(name)")))
    }

    @Test func recordsStreamAsTheTableHoldsThem() throws {
        let text = "\u{FEFF}a, b ,\"c,\r\nd\"\r\n\r\n  x ,\"y\"\"z\"  ,\n\"\"\nlast,\rline"
        var streamed: [CSVTable.Record] = []
        var copy = text
        try copy.withUTF8 { try CSVTable.forEachRecord(in: $0) { streamed.append($0) } }
        let table = try CSVTable(parsing: text)
        #expect(streamed == table.records)
        #expect(try CSVTable(bytes: Array(text.utf8)) == table)
        #expect(table.records.map(\.fields) == [["a", "b", "c,\r\nd"], ["x", "y\"z", ""], ["last", "line"]])
        #expect(table.records.map(\.line) == [1, 4, 6])
    }

    @Test func referralFitFromBytesEqualsFitFromRecords() throws {
        let bytes = try Self.data("referrals.csv")
        let streamed = try ReferralFit(csvBytes: bytes)
        let tabled = try ReferralFit(records: try ReferralFit.records(csv: try CSVTable(bytes: bytes)))
        #expect(streamed == tabled)
        for (text, message) in [("", "empty"), ("customer,conversions\n", "header but no customers"),
                                ("a,1,2\n", "cannot exceed"), ("a,3,1\na,2,1\n", "appears twice (also on line 1)")] {
            #expect(throws: FitError.self) { try ReferralFit(csvBytes: Array(text.utf8)) }
            do { _ = try ReferralFit(csvBytes: Array(text.utf8)) } catch let error as FitError {
                #expect(error.message.contains(message), "\(text): \(error.message)")
            }
        }
    }

    @Test func transactionLogFromBytesEqualsLogFromTable() throws {
        let bytes = try Self.data("transactions.csv")
        let streamed = try TransactionLog(csvBytes: bytes)
        let tabled = try TransactionLog(csv: try CSVTable(bytes: bytes))
        #expect(streamed == tabled)
        #expect(try RFMSummary(streamed) == RFMSummary(tabled))
    }

    @Test func purchaseDaysMergeSameDayPurchasesInDateOrder() throws {
        let text = "b,2024-01-02,1\na,2024-01-03,2\nb,2024-01-01,4\nb,2024-01-02,8\na,2024-01-03,16\n"
        let days = try TransactionLog(csvBytes: Array(text.utf8)).purchaseDays()
        #expect(days.map(\.customer) == ["b", "a"])
        #expect(days[0].days.map(\.amount) == [4, 9])
        #expect(days[0].days.map(\.date.description) == ["2024-01-01", "2024-01-02"])
        #expect(days[1].days.map(\.amount) == [18])
    }
}
