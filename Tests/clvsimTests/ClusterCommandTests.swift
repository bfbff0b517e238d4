import Foundation
import Testing
@testable import clvsim
import CLVTestSupport

/// `clvsim cluster slurm|kubernetes`: the scripts and manifests (docs/distributed.md). A real
/// one-node Slurm cluster runs them in CI (.ci/slurm-check).
@Suite struct ClusterCommandTests {
    /// This test's files; removed after the test.
    let temporary = TemporaryFolder(prefix: "clvsim-cluster")

    func json(_ url: URL) throws -> [String: Any] {
        try #require(JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
    }

    /// Indexed Job manifests: JSON, Indexed mode, completions = N, the completion index passed to
    /// --shard, the merge reading the shards' folder, the scenario carried by the ConfigMap.
    @Test func kubernetesManifestsAreIndexedJobs() throws {
        let out = try temporary.subfolder()
        let run = try ClvsimBinary.run(["cluster", "kubernetes", "scenarios/multichannel-growth.json", "--shards", "5",
                                        "--trials", "1000", "--out", out.path, "--image", "registry.example/clvsim:1",
                                        "--claim", "clv-results", "--cpus", "2"])
        #expect(run.status == 0, "\(run.standardError)")
        let shards = try json(out.appendingPathComponent("shards-job.json"))
        #expect(shards["apiVersion"] as? String == "batch/v1" && shards["kind"] as? String == "Job")
        let spec = try #require(shards["spec"] as? [String: Any])
        #expect(spec["completionMode"] as? String == "Indexed")
        #expect(spec["completions"] as? Int == 5)
        let pod = try #require((spec["template"] as? [String: Any])?["spec"] as? [String: Any])
        let container = try #require((pod["containers"] as? [[String: Any]])?.first)
        let args = try #require(container["args"] as? [String])
        let shardIndex = try #require(args.firstIndex(of: "--shard"))
        #expect(args[shardIndex + 1] == "$(JOB_COMPLETION_INDEX)/5")
        #expect(args.first == "run" && args.contains("1000") && args.contains("--out"))
        let volumes = try #require(pod["volumes"] as? [[String: Any]])
        #expect(volumes.contains { ($0["persistentVolumeClaim"] as? [String: Any])?["claimName"] as? String == "clv-results" })
        let shardFolder = args[try #require(args.firstIndex(of: "--out")) + 1]

        let merge = try json(out.appendingPathComponent("merge-job.json"))
        let mergeSpec = try #require(merge["spec"] as? [String: Any])
        #expect(mergeSpec["completionMode"] as? String == "Indexed" && mergeSpec["completions"] as? Int == 1)
        let mergePod = try #require((mergeSpec["template"] as? [String: Any])?["spec"] as? [String: Any])
        let mergeArgs = try #require((mergePod["containers"] as? [[String: Any]])?.first?["args"] as? [String])
        #expect(Array(mergeArgs.prefix(2)) == ["merge", shardFolder])

        let config = try json(out.appendingPathComponent("configmap.json"))
        let text = try #require((config["data"] as? [String: Any])?["scenario.json"] as? String)
        let original = try String(contentsOf: RepositoryFiles.root().appendingPathComponent("scenarios/multichannel-growth.json"), encoding: .utf8)
        #expect(text == original)
    }

    /// The sbatch scripts, and submission through a stand-in `sbatch` that records its arguments:
    /// the merge depends on the array job with afterok.
    @Test func slurmScriptsAndSubmission() throws {
        let out = try temporary.subfolder()
        let bin = try temporary.subfolder()
        let log = bin.appendingPathComponent("calls.log")
        let fake = """
            #!/bin/sh
            echo "$@" >> '\(log.path)'
            n=$(wc -l < '\(log.path)')
            echo "$((4100 + n));cluster"
            """
        try fake.write(to: bin.appendingPathComponent("sbatch"), atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: bin.appendingPathComponent("sbatch").path)
        let process = Process()
        process.executableURL = try ClvsimBinary.url()
        process.arguments = ["cluster", "slurm", "scenarios/multichannel-growth.json", "--shards", "4", "--trials", "1000",
                             "--out", out.path, "--partition", "batch", "--time", "01:00:00", "--cpus-per-task", "2", "--submit"]
        process.currentDirectoryURL = RepositoryFiles.root()
        var environment = ProcessInfo.processInfo.environment
        environment["PATH"] = bin.path + ":" + (environment["PATH"] ?? "/usr/bin:/bin")
        process.environment = environment
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let printed = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        #expect(printed.contains("shards 4101") && printed.contains("merge 4102"))
        let calls = try String(contentsOf: log, encoding: .utf8).split(separator: "\n")
        #expect(calls.count == 2)
        #expect(calls.first?.hasSuffix("slurm/shards.sbatch") == true)
        #expect(calls.last?.contains("--dependency=afterok:4101") == true)
        let script = try String(contentsOf: out.appendingPathComponent("slurm/shards.sbatch"), encoding: .utf8)
        for line in ["#SBATCH --array=0-3", "#SBATCH --cpus-per-task=2", "#SBATCH --partition=batch", "#SBATCH --time=01:00:00",
                     "--shard \"${SLURM_ARRAY_TASK_ID}/4\"", "--threads \"${SLURM_CPUS_PER_TASK:-2}\"", "--trials 1000"] {
            #expect(script.contains(line), "\(line)")
        }
        let merge = try String(contentsOf: out.appendingPathComponent("slurm/merge.sbatch"), encoding: .utf8)
        #expect(merge.contains(" merge \(out.path)/shards --out \(out.path) "))
    }

    @Test func shellWordsAreQuoted() {
        #expect(SlurmJob.shellWord("/plain/path.json") == "/plain/path.json")
        #expect(SlurmJob.shellWord("it's here") == "'it'\\''s here'")
        #expect(SlurmJob.shellWord("${SLURM_ARRAY_TASK_ID}/4") == "\"${SLURM_ARRAY_TASK_ID}/4\"")
        #expect(SlurmJob.jobName("a b/c") == "a-b-c")
        #expect(KubernetesJob.resourceName("--My Scenario--") == "my-scenario")
    }

    @Test func moreShardsThanTrialsAreRefused() throws {
        let run = try ClvsimBinary.run(["cluster", "slurm", "scenarios/multichannel-growth.json", "--shards", "11",
                                        "--trials", "10", "--out", try temporary.subfolder().path])
        #expect(run.status == 64)
        #expect(run.standardError.contains("more shards than the run's 10 trials"))
    }
}
