import Testing
@testable import CLVCore

@Suite struct JSONParserTests {
    func parse(_ text: String) -> Result<JSONValue, JSONSyntaxError> { JSONParser().parse(Array(text.utf8)) }

    func syntaxError(_ text: String) -> JSONSyntaxError? {
        if case .failure(let error) = parse(text) { return error }
        return nil
    }

    @Test func parsesEveryKindWithOffsets() throws {
        let value = try parse(#"{"a": [1, -2.5e3, "x\n\u00e9\ud83d\ude00", true, false, null], "b": {}}"#).get()
        guard case .object(let members) = value.kind else { Issue.record("not an object"); return }
        #expect(members.map(\.key) == ["a", "b"])
        #expect(members[0].keyOffset == 1)
        guard case .array(let items) = members[0].value.kind else { Issue.record("not an array"); return }
        #expect(items.count == 6)
        if case .number(let text) = items[1].kind { #expect(text == "-2.5e3") } else { Issue.record("not a number") }
        if case .string(let text) = items[2].kind { #expect(text == "x\né😀") } else { Issue.record("not a string") }
        #expect(items[0].offset == 7)
    }

    @Test func keepsDuplicateKeysInOrder() throws {
        let value = try parse(#"{"a": 1, "a": 2}"#).get()
        guard case .object(let members) = value.kind else { Issue.record("not an object"); return }
        #expect(members.count == 2)
    }

    @Test(arguments: [
        ("{\"a\": 1,}", 1, 9, "trailing comma"),
        ("{\n  \"a\": 1\n  \"b\": 2\n}", 3, 3, "expected ',' or '}'"),
        ("[1, 2", 1, 6, "ends inside an array"),
        ("{\"a\": 01}", 1, 7, "leading zeros"),
        ("{\"a\": 'x'}", 1, 7, "double quotes"),
        ("{\"a\": tru}", 1, 7, "unknown word"),
        ("{\"a\": \"unterminated}", 1, 7, "never closed"),
        ("", 1, 1, "empty"),
        ("{} {}", 1, 4, "after the end"),
        ("{\"a\": 1.}", 1, 9, "decimal point"),
        ("{\"a\": \"\\q\"}", 1, 8, "unknown escape"),
        ("{\"é\": x}", 1, 7, "expected a value"),
        ("{a: 1}", 1, 2, "key in double quotes"),
    ] as [(String, Int, Int, String)])
    func reportsLineAndColumn(text: String, line: Int, column: Int, fragment: String) {
        let error = syntaxError(text)
        #expect(error?.line == line)
        #expect(error?.column == column)
        #expect(error?.message.contains(fragment) == true || error?.fix.contains(fragment) == true, "\(String(describing: error))")
    }

    @Test func rejectsInvalidUTF8InStrings() {
        let error = JSONParser().parse([UInt8(ascii: "\""), 0xFF, UInt8(ascii: "\"")])
        if case .failure(let e) = error { #expect(e.message.contains("UTF-8")) } else { Issue.record("accepted invalid UTF-8") }
    }

    @Test func depthLimitStopsDeepNestingWithoutOverflow() {
        let deep = String(repeating: "[", count: 100_000)
        let error = syntaxError(deep)
        #expect(error?.message.contains("256") == true)
        #expect(error?.column == 257)
    }

    @Test func valueCountAndSizeLimitsAreStated() {
        var parser = JSONParser()
        parser.maximumValues = 10
        if case .failure(let e) = parser.parse(Array("[1,2,3,4,5,6,7,8,9,10,11]".utf8)) {
            #expect(e.message.contains("more than 10 JSON values"))
        } else { Issue.record("accepted too many values") }
        parser.maximumBytes = 4
        if case .failure(let e) = parser.parse(Array("[1, 2]".utf8)) {
            #expect(e.message.contains("limit is 4 bytes"))
        } else { Issue.record("accepted too many bytes") }
    }

    @Test func locatorCountsLinesAndScalars() {
        let text = Array("ab\ncé\n  x".utf8)
        let locator = JSONSourceLocator(text)
        #expect(locator.location(of: 0) == (1, 1))
        #expect(locator.location(of: 3) == (2, 1))
        #expect(locator.location(of: 6) == (2, 3))   // after the two bytes of é
        #expect(locator.location(of: 9) == (3, 3))
    }

    @Test func locatorWorksAcrossCheckpoints() {
        let text = Array((String(repeating: "\n", count: 70_000) + "   x").utf8)
        #expect(JSONSourceLocator(text).location(of: 70_003) == (70_001, 4))
    }
}
