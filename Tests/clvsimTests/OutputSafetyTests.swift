import Foundation
import Testing
import CLVTestSupport
@testable import clvsim

/// How clvsim writes its outputs (docs/results.md, "How the files are written"): temporary files
/// that cannot be hijacked and are cleaned up, outputs that never replace an input or a special
/// file, symbolic links written through, and one writer per output folder.
@Suite struct OutputSafetyTests {
    static let scenario = "scenarios/subscription-box.json"

    /// This test's files; removed after the test.
    let temporary = TemporaryFolder(prefix: "clvsim-safety")

    func contents(_ path: String) -> String? { try? String(contentsOfFile: path, encoding: .utf8) }

    func fileType(_ path: String) -> FileAttributeType? {
        (try? FileManager.default.attributesOfItem(atPath: path))?[.type] as? FileAttributeType
    }

    // MARK: temporary names (item: symlinks planted under temporary names)

    @Test func temporaryNamesAreUnpredictableAndRecognised() {
        let a = TemporaryFileName.make(for: "summary.json", pid: 4242)
        let b = TemporaryFileName.make(for: "summary.json", pid: 4242)
        #expect(a != b)
        #expect(a.hasPrefix(".summary.json.4242.") && a.hasSuffix(".tmp"))
        #expect(TemporaryFileName.owner(of: a) == 4242)
        #expect(TemporaryFileName.owner(of: ".summary.json.4242.tmp") == 4242)      // older versions' names
        #expect(TemporaryFileName.owner(of: ".box.json.fit-17.tmp") == 17)
        for other in ["summary.json", ".clvsim.lock", ".tmp", "..1.tmp", ".x.abc.tmp", ".x.-1.tmp", ".x.1.tmp.bak", "notes.123.tmp"] {
            #expect(TemporaryFileName.owner(of: other) == nil, "\(other)")
        }
    }

    @Test func plantedSymlinksUnderTemporaryNamesAreNotFollowed() throws {
        let out = try temporary.subfolder().path
        let victim = try temporary.subfolder().path + "/victim.txt"
        try Data("precious\n".utf8).write(to: URL(fileURLWithPath: victim))
        // Every name older versions would use for the next few thousand process ids.
        let first = Int(getpid())
        for pid in first...(first + 3000) {
            for name in ["summary.json", "trials.csv", "report.html", "manifest.json"] {
                symlink(victim, out + "/.\(name).\(pid).tmp")
            }
        }
        let run = try ClvsimBinary.run(["run", Self.scenario, "--trials", "200", "--out", out, "--quiet"])
        #expect(run.status == 0, "\(run.standardError)")
        #expect(contents(victim) == "precious\n")
        #expect(fileType(out + "/summary.json") == .typeRegular)
        #expect(fileType(victim) == .typeRegular)
    }

    @Test func temporaryFilesRefuseAnExistingName() throws {
        let out = try temporary.subfolder().path
        let (path, descriptor) = try TemporaryFiles.shared.create(in: out, for: "x.csv")
        close(descriptor)
        #expect(FileManager.default.fileExists(atPath: path))
        TemporaryFiles.shared.removeAll()
        #expect(!FileManager.default.fileExists(atPath: path))
    }

    // MARK: stale temporaries

    @Test func staleTemporariesOfDeadProcessesAreRemoved() throws {
        let out = try temporary.subfolder().path
        // A process that has exited: its id is free (until reused, which takes a while).
        let dead = Process()
        dead.executableURL = URL(fileURLWithPath: "/bin/true")
        try dead.run()
        dead.waitUntilExit()
        let deadPID = dead.processIdentifier
        let live = getpid()
        let staleNames = [".summary.json.\(deadPID).0123456789abcdef.tmp", ".trials.csv.\(deadPID).tmp"]
        let liveNames = [".summary.json.\(live).fedcba9876543210.tmp", ".report.html.\(live).tmp"]
        let otherNames = ["notes.txt", ".hidden.\(deadPID).txt"]
        for name in staleNames + liveNames + otherNames { try Data("x".utf8).write(to: URL(fileURLWithPath: out + "/" + name)) }
        let run = try ClvsimBinary.run(["run", Self.scenario, "--trials", "200", "--out", out, "--quiet"])
        #expect(run.status == 0, "\(run.standardError)")
        let names = Set(try FileManager.default.contentsOfDirectory(atPath: out))
        for name in staleNames { #expect(!names.contains(name), "\(name) should be removed") }
        for name in liveNames + otherNames { #expect(names.contains(name), "\(name) should stay") }
        #expect(!names.contains(".clvsim.lock"))
    }

    @Test func failedRunLeavesNoTemporaryFiles() throws {
        let out = try temporary.subfolder().path
        // report.html is a folder: the run stages files, then refuses, and must remove them.
        try FileManager.default.createDirectory(atPath: out + "/report.html", withIntermediateDirectories: true)
        let run = try ClvsimBinary.run(["run", Self.scenario, "--trials", "200", "--out", out, "--quiet"])
        #expect(run.status == 73, "\(run.standardError)")
        let names = try FileManager.default.contentsOfDirectory(atPath: out)
        #expect(names.allSatisfy { !$0.hasSuffix(".tmp") && $0 != ".clvsim.lock" }, "\(names)")
    }

    // MARK: special outputs

    @Test func rfmOutMayNotBeTheInput() throws {
        let dir = try temporary.subfolder().path
        let csv = dir + "/t.csv"
        try FileManager.default.copyItem(atPath: RepositoryFiles.root().appendingPathComponent("scenarios/data/transactions.csv").path, toPath: csv)
        let original = contents(csv)
        try FileManager.default.linkItem(atPath: csv, toPath: dir + "/hard.csv")
        try FileManager.default.createSymbolicLink(atPath: dir + "/soft.csv", withDestinationPath: csv)
        for output in [csv, dir + "/./t.csv", dir + "/hard.csv", dir + "/soft.csv"] {
            let outcome = try runFit(["fit", "spend", "--csv", csv, "--rfm-out", output])
            #expect(outcome.exitCode == 64, "\(output): \(outcome.standardError)")
            #expect(outcome.standardError.contains("same file as the input"), "\(outcome.standardError)")
            #expect(contents(csv) == original)
        }
    }

    @Test func specialFilesAreNeverReplaced() throws {
        let dir = try temporary.subfolder().path
        let csv = RepositoryFiles.root().appendingPathComponent("scenarios/data/transactions.csv").path
        let fifo = dir + "/pipe"
        #expect(mkfifo(fifo, 0o644) == 0)
        try FileManager.default.createDirectory(atPath: dir + "/folder", withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: dir + "/link-to-pipe", withDestinationPath: fifo)
        for (output, kind) in [(fifo, "FIFO"), (dir + "/folder", "folder"), (dir + "/link-to-pipe", "FIFO")] {
            let outcome = try runFit(["fit", "spend", "--csv", csv, "--rfm-out", output])
            #expect(outcome.exitCode == 73, "\(output): \(outcome.standardError)")
            #expect(outcome.standardError.contains(kind), "\(outcome.standardError)")
            #expect(!outcome.standardError.contains("NSCocoaErrorDomain"))
        }
        #expect(fileType(fifo) == .typeUnknown || fileType(fifo) == .typeCharacterSpecial || fileType(fifo) != .typeRegular)
        #expect(fileType(dir + "/link-to-pipe") == .typeSymbolicLink)
        // Devices: checked without writing, so that a regression cannot harm /dev.
        #expect(throws: OutputError.self) { try OutputTarget.resolve("/dev/null", inputs: [], option: "--rfm-out") }
        #expect(throws: OutputError.self) { try OutputTarget.resolve("/dev/full", inputs: [], option: "--rfm-out") }
        #expect((try? OutputTarget.resolve("", inputs: [], option: "--rfm-out")) == nil)
    }

    @Test func symlinkedOutputsAreWrittenThrough() throws {
        let dir = try temporary.subfolder().path
        let csv = RepositoryFiles.root().appendingPathComponent("scenarios/data/transactions.csv").path
        let real = dir + "/real-rfm.csv"
        try Data("old\n".utf8).write(to: URL(fileURLWithPath: real))
        try FileManager.default.createSymbolicLink(atPath: dir + "/rfm.csv", withDestinationPath: "real-rfm.csv")
        let outcome = try runFit(["fit", "spend", "--csv", csv, "--rfm-out", dir + "/rfm.csv"])
        #expect(outcome.exitCode == 0, "\(outcome.standardError)")
        #expect(fileType(dir + "/rfm.csv") == .typeSymbolicLink)
        #expect(contents(real)?.hasPrefix("customer") == true)
        // A dangling link: the file it names is created.
        try FileManager.default.createSymbolicLink(atPath: dir + "/new.csv", withDestinationPath: dir + "/created.csv")
        #expect(try runFit(["fit", "spend", "--csv", csv, "--rfm-out", dir + "/new.csv"]).exitCode == 0)
        #expect(fileType(dir + "/new.csv") == .typeSymbolicLink)
        #expect(contents(dir + "/created.csv")?.hasPrefix("customer") == true)
    }

    @Test func intoASymlinkUpdatesTheRealScenario() throws {
        let dir = try temporary.subfolder().path
        let real = dir + "/real.json"
        try Data("""
            {"schemaVersion": 1, "name": "box", "horizonPeriods": 24, "annualDiscountRate": 0.1,
             "segments": [{"name": "monthly", "customers": 100, "revenue": 30, "retention": {"model": "constant", "rate": 0.8}}]}
            """.utf8).write(to: URL(fileURLWithPath: real))
        try FileManager.default.createSymbolicLink(atPath: dir + "/box.json", withDestinationPath: real)
        let outcome = try runFit(["fit", "retention", "--survivors", "1000,631,468,382,326", "--model", "sbg",
                                  "--into", dir + "/box.json", "--segment", "monthly"])
        #expect(outcome.exitCode == 0, "\(outcome.standardError)")
        #expect(fileType(dir + "/box.json") == .typeSymbolicLink)
        #expect(contents(real)?.contains("\"sbg\"") == true)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir).sorted() == ["box.json", "real.json"])
    }

    @Test func intoMayNotBeTheDataFile() throws {
        let dir = try temporary.subfolder().path
        let csv = dir + "/r.csv"
        try Data("customer,invitations,conversions\na,3,1\nb,2,0\n".utf8).write(to: URL(fileURLWithPath: csv))
        let outcome = try runFit(["fit", "referrals", "--csv", csv, "--into", csv, "--segment", "s"])
        #expect(outcome.exitCode != 0)
        #expect(contents(csv) == "customer,invitations,conversions\na,3,1\nb,2,0\n")
    }

    @Test func runOutputsThroughSymlinksAndNotOverSpecialFiles() throws {
        let out = try temporary.subfolder().path
        let elsewhere = try temporary.subfolder().path + "/kept-summary.json"
        try Data("{}".utf8).write(to: URL(fileURLWithPath: elsewhere))
        try FileManager.default.createSymbolicLink(atPath: out + "/summary.json", withDestinationPath: elsewhere)
        let run = try ClvsimBinary.run(["run", Self.scenario, "--trials", "200", "--out", out, "--quiet"])
        #expect(run.status == 0, "\(run.standardError)")
        #expect(fileType(out + "/summary.json") == .typeSymbolicLink)
        #expect(contents(elsewhere)?.contains("\"customerEquity\"") == true)

        unlink(out + "/trials.csv")
        #expect(mkfifo(out + "/trials.csv", 0o644) == 0)
        let blocked = try ClvsimBinary.run(["run", Self.scenario, "--trials", "200", "--out", out, "--quiet"])
        #expect(blocked.status == 73, "\(blocked.standardError)")
        #expect(blocked.standardError.contains("FIFO"))
        #expect(fileType(out + "/trials.csv") != .typeRegular)
    }

    // MARK: one writer per folder

    @Test func concurrentRunsIntoOneFolderNeverMix() throws {
        for round in 0..<3 {
            let out = try temporary.subfolder().path
            let a = try ClvsimBinary.start(["run", Self.scenario, "--trials", "3000", "--seed", "11", "--out", out, "--quiet"])
            let b = try ClvsimBinary.start(["run", Self.scenario, "--trials", "3000", "--seed", "22", "--out", out, "--quiet"])
            for p in [a, b] { _ = p.err.fileHandleForReading.readDataToEndOfFile(); p.0.waitUntilExit() }
            let statuses = [a.0.terminationStatus, b.0.terminationStatus]
            #expect(statuses.allSatisfy { $0 == 0 || $0 == 73 }, "round \(round): \(statuses)")
            #expect(statuses.contains(0))
            let summary = try #require(JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: out + "/summary.json"))) as? [String: Any])
            let manifest = try #require(JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: out + "/manifest.json"))) as? [String: Any])
            let summarySeed = (summary["run"] as? [String: Any])?["seed"] as? Int
            let manifestSeed = ((manifest["run"] as? [String: Any])?["seed"] as? Int) ?? (manifest["seed"] as? Int)
            #expect(summarySeed != nil && summarySeed == manifestSeed, "round \(round): \(String(describing: summarySeed)) vs \(String(describing: manifestSeed))")
        }
    }

    @Test func aLockedFolderIsRefusedAtOnce() throws {
        let out = try temporary.subfolder().path
        let lockPath = out + "/.clvsim.lock"
        let descriptor = open(lockPath, O_RDWR | O_CREAT, 0o644)
        #expect(descriptor >= 0)
        #expect(flock(descriptor, LOCK_EX | LOCK_NB) == 0)
        let run = try ClvsimBinary.run(["run", Self.scenario, "--trials", "200", "--out", out, "--quiet"])
        #expect(run.status == 73)
        #expect(run.standardError.contains("another clvsim run is writing"), "\(run.standardError)")
        #expect(!FileManager.default.fileExists(atPath: out + "/summary.json"))
        close(descriptor)
        let after = try ClvsimBinary.run(["run", Self.scenario, "--trials", "200", "--out", out, "--quiet"])
        #expect(after.status == 0, "\(after.standardError)")
    }
}
