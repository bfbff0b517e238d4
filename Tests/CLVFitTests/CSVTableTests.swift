import Testing
@testable import CLVFit

@Suite struct CSVTableTests {
    @Test func quotedFieldsWithCommasQuotesAndLineBreaks() throws {
        let text = "a,b,c\r\n\"x, y\",\"say \"\"hi\"\"\",3\n\n\"multi\nline\",2, 7 \n"
        let table = try CSVTable(parsing: text)
        #expect(table.records.count == 3)
        #expect(table.records[0] == .init(line: 1, fields: ["a", "b", "c"]))
        #expect(table.records[1] == .init(line: 2, fields: ["x, y", "say \"hi\"", "3"]))
        #expect(table.records[2] == .init(line: 4, fields: ["multi\nline", "2", "7"]))
    }

    @Test func lineNumbersCountBreaksInsideQuotes() throws {
        let table = try CSVTable(parsing: "\u{FEFF}h\n\"a\nb\nc\"\nlast")
        #expect(table.records.map(\.line) == [1, 2, 5])
        #expect(table.records[0].fields == ["h"])
    }

    @Test func unterminatedQuoteNamesTheLineItOpens() {
        #expect(throws: FitError(line: 3, "a quoted field opened here is never closed")) {
            try CSVTable(parsing: "a\nb\n\"c,d\ne")
        }
    }

    @Test func strayQuoteAndTextAfterQuoteAreErrors() {
        #expect((try? CSVTable(parsing: "ab\"c\n")) == nil)
        #expect((try? CSVTable(parsing: "\"ab\"c\n")) == nil)
        do {
            _ = try CSVTable(parsing: "ok\nab\"c\n")
            Issue.record("expected an error")
        } catch let error as FitError {
            #expect(error.line == 2)
        } catch { Issue.record("unexpected \(error)") }
    }

    @Test func emptyTextHasNoRecords() throws {
        #expect(try CSVTable(parsing: "").records.isEmpty)
        #expect(try CSVTable(parsing: "\n\n").records.isEmpty)
    }
}
