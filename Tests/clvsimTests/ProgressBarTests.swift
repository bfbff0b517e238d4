import Foundation
import Testing
import CLVTestSupport
@testable import clvsim

@Suite struct ProgressBarTests {
    @Test func lineShowsShareCountAndETA() {
        let line = ProgressBar.line(done: 450, total: 1000, elapsedSeconds: 9, columns: 80)
        #expect(line.hasPrefix("\r["))
        #expect(line.contains(" 45%  450/1000 trials  ETA 0:11"))  // 9 s · 550 / 450 = 11 s
        #expect(line.count - 1 <= 80)
        let bar = line.dropFirst(2).prefix { $0 != "]" }
        #expect(bar.count == 40)
        #expect(bar.filter { $0 == "#" }.count == 18)
        #expect(ProgressBar.line(done: 0, total: 10, elapsedSeconds: 1, columns: 80).contains("ETA --:--"))
        #expect(ProgressBar.line(done: 10, total: 10, elapsedSeconds: 1, columns: 30).contains("100%"))
    }

    /// A precision run shows the precision reached against the target, not trials against
    /// --max-trials: half-widths shrink as 1/√trials, so twice the target is a quarter done.
    @Test func precisionLineShowsPrecisionAgainstTheTarget() {
        let line = ProgressBar.precisionLine(done: 12288, halfWidth: 0.01, target: 0.005, elapsedSeconds: 10, columns: 100)
        #expect(line.contains("precision ±1.00% (target ±0.50%)"))
        #expect(line.contains("12288 trials"))
        #expect(line.contains("ETA 0:30"))
        #expect(line.contains("[#######-----------------------]"))
        let early = ProgressBar.precisionLine(done: 1024, halfWidth: .infinity, target: 0.005, elapsedSeconds: 1, columns: 100)
        #expect(early.contains("precision ±…") && early.contains("ETA --:--"))
        #expect(!line.contains("max") && !line.contains("%  1000000"))
    }

    @Test func delayComesFromTheEnvironmentWithinLimits() {
        #expect(ProgressBar.delay(environment: nil) == 1_000_000_000)
        #expect(ProgressBar.delay(environment: "0") == 0)
        #expect(ProgressBar.delay(environment: "2.5") == 2_500_000_000)
        #expect(ProgressBar.delay(environment: "-1") == 1_000_000_000)
        #expect(ProgressBar.delay(environment: "soon") == 1_000_000_000)
        #expect(ProgressBar.delay(environment: "inf") == 1_000_000_000)
    }

    @Test func clockFormatsSeconds() {
        #expect(ProgressBar.clock(0) == "0:00")
        #expect(ProgressBar.clock(61.2) == "1:02")
        #expect(ProgressBar.clock(3725) == "1:02:05")
        #expect(ProgressBar.clock(.nan) == "--:--")
        #expect(ProgressBar.clock(-1) == "--:--")
    }

    /// Runs clvsim under `script`, which gives it a terminal for stdout and stderr.
    func runOnTerminal(_ arguments: [String]) throws -> String {
        let binary = try ClvsimBinary.url().path
        let command = ([binary] + arguments).map { "'" + $0 + "'" }.joined(separator: " ")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/script")
        process.arguments = ["-q", "-e", "-c", command, "/dev/null"]
        process.currentDirectoryURL = RepositoryFiles.root()
        var environment = ProcessInfo.processInfo.environment
        environment["CLVSIM_PROGRESS_AFTER"] = "0"
        process.environment = environment
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/script")))
    func barShowsOnATerminalOnlyWithoutQuiet() throws {
        let temporary = TemporaryFolder(prefix: "clvsim-bar")
        let folder = temporary.file("out").path
        let arguments = ["run", "scenarios/retention-strategies.json", "--trials", "3000", "--threads", "1", "--out", folder, "--no-trials"]
        let shown = try runOnTerminal(arguments)
        #expect(shown.contains("ETA"), "\(shown.prefix(400))")
        #expect(shown.contains("\r\u{1B}[2K"), "the bar is erased at the end")
        #expect(shown.contains("Customer equity"))
        let quiet = try runOnTerminal(arguments + ["--quiet"])
        #expect(!quiet.contains("ETA"))
        #expect(!quiet.contains("Customer equity"))
        let piped = try ClvsimBinary.run(arguments)
        #expect(piped.status == 0)
        #expect(!piped.standardError.contains("ETA"))
    }
}
