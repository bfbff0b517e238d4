import Testing
@testable import CLVReport

@Suite struct JSONTextTests {
    @Test func rendersInOrderWithEscapes() {
        let doc = JSONText.object([("b", .integer(1)), ("a", .string("x\"y\n\u{1}")), ("c", .array([.bool(true), .null]))])
        #expect(doc.rendered(indent: 0) == #"{"b":1,"a":"x\"y\n\u0001","c":[true,null]}"#)
    }

    @Test func numbersNeverNaNOrInfinity() {
        #expect(JSONText.number(.nan).rendered() == "null")
        #expect(JSONText.number(Double.infinity).rendered() == "null")
        #expect(JSONText.number(-Double.infinity).rendered() == "null")
        #expect(JSONText.number(3.0).rendered() == "3")
        #expect(JSONText.number(0.1).rendered() == "0.1")
        #expect(JSONText.number(1.5e-7).rendered() == "1.5e-07")
        #expect(JSONText.number(1e300).rendered() == "1e+300")
    }

    @Test func prettyPrintingIndents() {
        let doc = JSONText.object([("a", .array([.integer(1)])), ("b", .object([]))])
        #expect(doc.rendered() == "{\n  \"a\": [\n    1\n  ],\n  \"b\": {}\n}")
    }
}

@Suite struct NumberFormatTests {
    @Test func groupsThousands() {
        #expect(NumberFormat.grouped(1_234_567.891, decimals: 2) == "1,234,567.89")
        #expect(NumberFormat.grouped(-1_234_567) == "-1,234,567")
        #expect(NumberFormat.grouped(999) == "999")
        #expect(NumberFormat.grouped(1000) == "1,000")
        #expect(NumberFormat.grouped(-0.001, decimals: 2) == "0.00")
        #expect(NumberFormat.grouped(.nan) == "n/a")
    }

    @Test func moneyPercentAndLevels() {
        #expect(NumberFormat.money(12.345) == "12.35")
        #expect(NumberFormat.money(12_345.6) == "12,346")
        #expect(NumberFormat.percent(0.9341) == "93.4%")
        #expect(NumberFormat.level(0.9) == "90%")
        #expect(NumberFormat.level(0.995) == "99.5%")
    }
}

@Suite struct TextTableTests {
    @Test func alignsColumns() {
        var table = TextTable(headers: ["name", "value"], alignments: [.left, .right])
        table.add(["a", "1"])
        table.add(["long name", "1,000"])
        let lines = table.lines(indent: "")
        #expect(lines[0] == "name       value")
        #expect(lines[2] == "a              1")
        #expect(lines[3] == "long name  1,000")
    }
}
