import Foundation
import Testing
import CLVTestSupport

/// The customers-by-state chart in a real browser: `.ci/render-report` on a scenario with
/// recency retention, migration and billing cycles must find `chart-customers-by-state` on the
/// page the browser parsed, drawing marks, besides every other chart. Runs when Chromium is
/// installed.
@Suite struct StateChartRenderingTests {
    static let scenario = """
    {"schemaVersion": 1, "name": "customer-states", "currency": "EUR", "periodsPerYear": 12, "horizonPeriods": 24,
     "annualDiscountRate": 0.1, "trials": 500, "seed": 7,
     "segments": [
       {"name": "occasional", "customers": 5000, "recency": 2,
        "retention": {"model": "recency", "purchaseProbability": [{"dist": "beta", "mean": 0.45, "sd": 0.08}, 0.3, 0.15, 0.05]},
        "revenue": 40, "margin": 0.5, "serviceCost": 0.5},
       {"name": "monthly", "customers": 3000, "retention": {"model": "constant", "rate": 0.92},
        "revenue": 20, "margin": 0.6, "migration": [{"to": "annual", "probability": 0.05}]},
       {"name": "annual", "customers": 1200, "billingPeriods": 12, "retention": {"model": "constant", "rate": 0.8},
        "revenue": 15, "margin": 0.6}
     ],
     "acquisition": [{"segment": "occasional", "fromPeriod": 1, "toPeriod": 12, "customersPerPeriod": 300}]}
    """

    @Test(.enabled(if: ReportRenderingTests.browser != nil, "needs Debian's chromium package"))
    func theCustomersByStateChartRenders() throws {
        let folder = TemporaryFolder(prefix: "clvsim-states")
        let file = folder.file("customer-states.json")
        try Data(Self.scenario.utf8).write(to: file)
        let (status, output) = try ReportRenderingTests.renderReport(
            ["--scenario", file.path, "--out", folder.file("out").path, "--trials", "300"])
        #expect(status == 0, "\(output)")
        #expect(!output.contains("FAIL"))
        #expect(output.contains("ok    chart chart-customers-by-state\n"))
        #expect(output.contains("ok    chart chart-customers-by-state draws"))
        #expect(output.contains("page is not blank"))
    }
}
