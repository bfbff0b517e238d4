import CLVCore
import CLVReport
import Foundation
import Testing

@Suite struct TrialsCSVTests {
    @Test func quotesFieldsOnlyWhenRFC4180RequiresIt() {
        #expect(TrialsCSV.field("plain.name") == "plain.name")
        #expect(TrialsCSV.field("a,b") == "\"a,b\"")
        #expect(TrialsCSV.field("say \"hi\"") == "\"say \"\"hi\"\"\"")
        #expect(TrialsCSV.field("two\nlines") == "\"two\nlines\"")
        #expect(TrialsCSV.field("cr\rhere") == "\"cr\rhere\"")
        #expect(TrialsCSV.field("crlf\r\nhere") == "\"crlf\r\nhere\"")
        #expect(TrialsCSV.field("") == "")
    }

    @Test func numbersAreLocaleIndependentWithoutGrouping() {
        #expect(TrialsCSV.number(1234567) == "1234567")
        #expect(TrialsCSV.number(-0.5) == "-0.5")
        #expect(TrialsCSV.number(0.1) == "0.1")
        #expect(TrialsCSV.number(1.5e-7) == "1.5e-07")
        #expect(TrialsCSV.number(1234567.125) == "1234567.125")
        #expect(TrialsCSV.number(.nan) == "")
        #expect(TrialsCSV.number(.infinity) == "")
        for x in [0.1, 1.0 / 3, -2.5e300, 123456.789, 5e-324] {
            #expect(Double(TrialsCSV.number(x)) == x, "round trip of \(x)")
        }
    }

    @Test func fileHasAHeaderAndOneRowPerTrialMatchingTheTables() throws {
        let result = try ReportFixtures.run()
        let text = TrialsCSV.render(result)
        #expect(text.hasSuffix("\r\n"))
        #expect(!text.contains(";"))
        let records = parseCSV(text)
        let header = try #require(records.first)
        #expect(header == ["trial"] + result.inputs.names + result.metrics.names)
        #expect(header.contains("segments.north, \"east\".clv"))
        #expect(header.contains("segments.south <west>.clv"))
        #expect(records.count == 1 + result.metrics.trials)
        for (i, record) in records.dropFirst().enumerated() {
            #expect(record.count == header.count)
            #expect(record[0] == String(i))
            for (c, name) in result.inputs.names.enumerated() {
                let expected = result.inputs.column(at: c)[i]
                #expect(Double(record[1 + c]) == expected, "\(name) in trial \(i)")
            }
            for (c, name) in result.metrics.names.enumerated() {
                let expected = result.metrics.column(at: c)[i]
                let cell = record[1 + result.inputs.names.count + c]
                if expected.isFinite { #expect(Double(cell) == expected, "\(name) in trial \(i)") } else { #expect(cell.isEmpty) }
            }
        }
        // Uniform(0.8, 0.9) retention draws land in their range.
        let column = try #require(header.firstIndex(of: "segments.north, \"east\".retention.rate"))
        for record in records.dropFirst() {
            let x = try #require(Double(record[column]))
            #expect(x >= 0.8 && x <= 0.9)
        }
    }
}

@Suite struct TrialsCSVPieceTests {
    @Test func piecesJoinToTheWholeFile() throws {
        let result = try ReportFixtures.run()
        var pieces: [String] = []
        TrialsCSV.write(result, rowsPerPiece: 64) { pieces.append($0) }
        // Header, then ⌈200 / 64⌉ = 4 pieces of rows.
        #expect(pieces.count == 1 + 4)
        #expect(pieces.joined() == TrialsCSV.render(result))
        #expect(pieces[1].components(separatedBy: "\r\n").count - 1 == 64)
        #expect(pieces[4].components(separatedBy: "\r\n").count - 1 == 200 - 3 * 64)
    }
}
