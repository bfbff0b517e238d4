import Foundation
import Testing
import CLVTestSupport

/// Renders a report in headless Chromium through `.ci/render-report` and requires every check
/// of the picture and of the parsed page to pass: every chart id present and drawing marks, and
/// the recommendation as the first section. Runs when Chromium is installed.
@Suite struct ReportRenderingTests {
    static let browser = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].first { FileManager.default.isExecutableFile(atPath: $0) }

    /// Runs `.ci/render-report` with `arguments` (and the clvsim under test) from the repository
    /// root; returns its exit status and its output and error lines together.
    static func renderReport(_ arguments: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = [".ci/render-report"] + arguments + ["--clvsim", try ClvsimBinary.url().path]
        process.currentDirectoryURL = RepositoryFiles.root()
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (process.terminationStatus, output)
    }

    @Test(.enabled(if: browser != nil, "needs Debian's chromium package"))
    func reportRendersWithEveryChart() throws {
        let temporary = TemporaryFolder(prefix: "clvsim-render")
        let folder = temporary.file("out").path
        let (status, output) = try Self.renderReport(["--out", folder, "--trials", "1000"])
        #expect(status == 0, "\(output)")
        #expect(!output.contains("FAIL"))
        #expect(output.contains("ok    chart chart-probability-best"))
        // The decision-first page: the recommendation leads, and every strategy chart is there and draws marks.
        #expect(output.contains("ok    the recommendation is the first section"))
        for id in ["chart-strategy-net-value-overlay", "chart-strategy-net-value-cdf", "chart-strategy-romi-cdf", "chart-strategy-tornado"] {
            #expect(output.contains("ok    chart \(id)\n"), "\(id) present")
            #expect(output.contains("ok    chart \(id) draws"), "\(id) not blank")
        }
        #expect(output.contains("page is not blank"))
        #expect(FileManager.default.fileExists(atPath: folder + "/report.png"))
    }
}
