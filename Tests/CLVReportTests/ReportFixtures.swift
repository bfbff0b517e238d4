import CLVCore
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// Small simulated runs and an XML reader shared by the report tests.
enum ReportFixtures {
    /// A scenario whose names need escaping in CSV, XML and HTML, with uncertain inputs and a strategy.
    static let awkwardScenario = """
    {"schemaVersion": 1, "name": "a <b> & \\"c\\"", "currency": "EUR", "horizonPeriods": 12, "annualDiscountRate": 0.1,
     "trials": 200, "seed": 3, "intervals": [0.8, 0.95],
     "segments": [
      {"name": "north, \\"east\\"", "customers": 500, "renewals": 1,
       "retention": {"model": "constant", "rate": {"dist": "uniform", "min": 0.8, "max": 0.9}},
       "revenue": {"dist": "normal", "mean": 20, "sd": 2, "min": 0}, "margin": 0.5},
      {"name": "south <west>", "customers": 100,
       "retention": {"model": "sbg", "alpha": 1, "beta": 3}, "revenue": 10,
       "referrals": {"coefficient": 0.2, "cyclePeriods": 2}}
     ],
     "acquisition": [{"segment": "south <west>", "fromPeriod": 1, "toPeriod": 6, "budgetPerPeriod": 1000, "cac": {"dist": "gamma", "mean": 50, "sd": 10}}],
     "strategies": [{"name": "s<1>", "changes": [{"target": "segments.south <west>.retention.beta", "multiply": 1.2}], "cost": {"upfront": 100}}]
    }
    """

    /// Runs `text` with its own trials and seed.
    static func run(_ text: String = awkwardScenario) throws -> SimulationResult {
        let reading = ScenarioReader.read(Array(text.utf8))
        guard let scenario = reading.scenario, reading.errors.isEmpty else {
            throw FixtureError.invalid(reading.errors.map(\.description).joined(separator: "; "))
        }
        return try Simulation(scenario: scenario).run(SimulationOptions(scenario: scenario, threads: 2))
    }

    enum FixtureError: Error { case invalid(String) }

    /// Element names of a well-formed XML document in document order, or nil when it is not
    /// well-formed.
    static func elements(ofXML text: String) -> [(name: String, attributes: [String: String])]? {
        let collector = ElementCollector()
        let parser = XMLParser(data: Data(text.utf8))
        parser.delegate = collector
        return parser.parse() ? collector.elements : nil
    }
}

private final class ElementCollector: NSObject, XMLParserDelegate {
    var elements: [(name: String, attributes: [String: String])] = []
    func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                qualifiedName qName: String?, attributes attributeDict: [String: String] = [:]) {
        elements.append((elementName, attributeDict))
    }
}

/// Splits RFC 4180 text into records of fields (quoted fields may hold commas, quotes and line
/// breaks); an independent reader for checking `TrialsCSV`.
func parseCSV(_ text: String) -> [[String]] {
    var records: [[String]] = [], record: [String] = [], field = ""
    var quoted = false, index = text.unicodeScalars.startIndex
    let scalars = text.unicodeScalars
    while index < scalars.endIndex {
        let c = scalars[index]
        if quoted {
            if c == "\"" {
                let next = scalars.index(after: index)
                if next < scalars.endIndex && scalars[next] == "\"" { field.unicodeScalars.append("\""); index = next } else { quoted = false }
            } else { field.unicodeScalars.append(c) }
        } else if c == "\"" {
            quoted = true
        } else if c == "," {
            record.append(field); field = ""
        } else if c == "\r" {
            // part of CRLF
        } else if c == "\n" {
            record.append(field); records.append(record); record = []; field = ""
        } else { field.unicodeScalars.append(c) }
        index = scalars.index(after: index)
    }
    if !field.isEmpty || !record.isEmpty { record.append(field); records.append(record) }
    return records
}
