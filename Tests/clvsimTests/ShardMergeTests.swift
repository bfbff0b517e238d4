import Foundation
import Testing
import CLVTestSupport

/// `clvsim run --shard I/N` and `clvsim merge` end to end (docs/distributed.md).
@Suite struct ShardMergeTests {
    static let scenario = "scenarios/multichannel-growth.json"

    /// This test's files; removed after the test.
    let temporary = TemporaryFolder(prefix: "clvsim-shards")

    /// A file's text with the run's timing and thread count taken out.
    func comparable(_ path: URL) throws -> String {
        var text = try String(contentsOf: path, encoding: .utf8)
        for pattern in [#""elapsedSeconds": [0-9.e+-]+"#, #""threads": [0-9]+"#, #"[0-9]+ threads? · [0-9.]+ s"#] {
            text = text.replacingOccurrences(of: pattern, with: "", options: .regularExpression)
        }
        return text
    }

    @discardableResult
    func clvsim(_ arguments: [String], expect status: Int32 = 0) throws -> ClvsimBinary.Run {
        let run = try ClvsimBinary.run(arguments)
        #expect(run.status == status, "clvsim \(arguments.joined(separator: " ")): \(run.standardError)")
        return run
    }

    func shards(_ count: Int, trials: Int = 1000, seed: String? = nil, scenario: String = Self.scenario,
                into folder: URL, indices: [Int]? = nil) throws {
        // Shards run in reverse order, on one or two threads, to show that neither matters.
        for i in (indices ?? Array(0..<count)).reversed() {
            try clvsim(["run", scenario, "--trials", String(trials), "--shard", "\(i)/\(count)", "--threads", String(1 + i % 2),
                        "--out", folder.path, "--quiet"] + (seed.map { ["--seed", $0] } ?? []))
        }
    }

    /// Strategies, correlations, referrals into another segment and a budget plan: merging 1, 2,
    /// 3 or 7 shards of 1000 trials gives the one-process run's files, byte for byte.
    @Test func mergeIsByteIdenticalToTheOneProcessRun() throws {
        let root = try temporary.subfolder()
        let whole = root.appendingPathComponent("whole")
        try clvsim(["run", Self.scenario, "--trials", "1000", "--threads", "2", "--out", whole.path, "--quiet"])
        for count in [1, 2, 3, 7] {
            let parts = root.appendingPathComponent("shards-\(count)"), merged = root.appendingPathComponent("merged-\(count)")
            try shards(count, into: parts)
            try clvsim(["merge", parts.path, "--out", merged.path, "--quiet", "--threads", "1"])
            for file in ["summary.json", "trials.csv", "report.html", "manifest.json"] {
                let a = try comparable(whole.appendingPathComponent(file)), b = try comparable(merged.appendingPathComponent(file))
                #expect(a == b, "\(file) differs for \(count) shards")
            }
        }
        // Shards are idempotent: running one again writes the same bytes.
        let parts = root.appendingPathComponent("shards-3"), again = root.appendingPathComponent("again")
        try shards(3, into: again, indices: [1])
        let name = "shard-1-of-3.clvshard"
        #expect(try Data(contentsOf: parts.appendingPathComponent(name)) == Data(contentsOf: again.appendingPathComponent(name)))
    }

    /// Shards that do not belong together are refused with exit 65, naming the shard and what
    /// differs; nothing is written.
    @Test func mergeRefusesShardsThatDoNotBelongTogether() throws {
        let root = try temporary.subfolder()
        let good = root.appendingPathComponent("good")
        try shards(3, trials: 300, into: good)
        func shard(_ i: Int, in folder: URL) -> String { folder.appendingPathComponent("shard-\(i)-of-3.clvshard").path }
        let out = root.appendingPathComponent("out").path

        let missing = try clvsim(["merge", shard(0, in: good), shard(2, in: good), "--out", out], expect: 65)
        #expect(missing.standardError.contains("shard 1/3 is missing"))

        let copy = root.appendingPathComponent("copy")
        try FileManager.default.createDirectory(at: copy, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: shard(1, in: good), toPath: shard(1, in: copy))
        let duplicate = try clvsim(["merge", good.path, shard(1, in: copy), "--out", out], expect: 65)
        #expect(duplicate.standardError.contains("\(shard(1, in: copy)): shard 1/3 appears twice"))

        let cases: [(String, [String], String)] = [
            ("scenario", ["run", "scenarios/retention-strategies.json", "--trials", "300"], "shard of another scenario"),
            ("seed", ["run", Self.scenario, "--trials", "300", "--seed", "7"], "shard of another seed"),
            ("trials", ["run", Self.scenario, "--trials", "301"], "shard of another trial count"),
        ]
        for (name, run, message) in cases {
            let other = root.appendingPathComponent(name)
            try clvsim(run + ["--shard", "2/3", "--out", other.path, "--quiet"])
            let result = try clvsim(["merge", shard(0, in: good), shard(1, in: good), shard(2, in: other), "--out", out], expect: 65)
            #expect(result.standardError.contains("\(shard(2, in: other)): \(message)"), "\(name): \(result.standardError)")
        }

        // Another version: the same bytes with another version string of the same length.
        let versioned = root.appendingPathComponent("version")
        try FileManager.default.createDirectory(at: versioned, withIntermediateDirectories: true)
        var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: shard(2, in: good))))
        let version = try #require(ClvsimBinary.run(["--version"]).standardOutput.split(separator: "\n").first).utf8
        let needle = Array("\"version\":\"".utf8) + Array(version)
        let at = try #require((0...(bytes.count - needle.count)).first { Array(bytes[$0..<$0 + needle.count]) == needle })
        bytes[at + needle.count - 1] = bytes[at + needle.count - 1] == UInt8(ascii: "9") ? UInt8(ascii: "8") : UInt8(ascii: "9")
        try Data(bytes).write(to: URL(fileURLWithPath: shard(2, in: versioned)))
        let wrongVersion = try clvsim(["merge", shard(0, in: good), shard(1, in: good), shard(2, in: versioned), "--out", out], expect: 65)
        #expect(wrongVersion.standardError.contains("\(shard(2, in: versioned)): written by clvsim"))

        // A shard cut short, and a file that is no shard.
        let cut = root.appendingPathComponent("cut")
        try FileManager.default.createDirectory(at: cut, withIntermediateDirectories: true)
        try Data(bytes.dropLast(8)).write(to: URL(fileURLWithPath: shard(2, in: cut)))
        let short = try clvsim(["merge", shard(0, in: good), shard(1, in: good), shard(2, in: cut), "--out", out], expect: 65)
        #expect(short.standardError.contains("cut short or damaged"))
        let notShard = try clvsim(["merge", Self.scenario, "--out", out], expect: 65)
        #expect(notShard.standardError.contains("not a clvsim shard file"))

        #expect(!FileManager.default.fileExists(atPath: out + "/summary.json"))
        try clvsim(["merge", good.path, "--out", out, "--quiet"])
        #expect(FileManager.default.fileExists(atPath: out + "/summary.json"))
    }

    @Test func shardOptionsAreChecked() throws {
        let root = try temporary.subfolder().path
        let bad = try clvsim(["run", Self.scenario, "--shard", "3/3", "--out", root], expect: 64)
        #expect(bad.standardError.contains("'3/3' is not I/N"))
        let many = try clvsim(["run", Self.scenario, "--trials", "5", "--shard", "0/6", "--out", root], expect: 64)
        #expect(many.standardError.contains("6 shards need at least 6 trials"))
        let precision = try clvsim(["run", Self.scenario, "--precision", "0.01", "--shard", "0/2", "--out", root], expect: 64)
        #expect(precision.standardError.contains("cannot be split into shards"))
        let missing = try clvsim(["merge", root + "/nothing-here"], expect: 66)
        #expect(missing.standardError.contains("nothing-here"))
    }
}
