/// The two sbatch scripts of a sharded run on Slurm (docs/distributed.md "Slurm"): a job array
/// whose task `SLURM_ARRAY_TASK_ID` runs shard `I/N` with as many threads as the task has
/// CPUs, and a merge job submitted with `--dependency=afterok:<array job>`, so that it starts
/// only when every shard succeeded.
struct SlurmJob {
    /// The clvsim executable on the cluster's nodes (absolute).
    let executable: String
    /// The scenario file as the nodes see it (absolute).
    let scenario: String
    let scenarioName: String
    let shards: Int
    let trials: Int
    let seed: UInt64
    /// The folder the merged results land in; shards go to `<out>/shards`, logs and scripts to
    /// `<out>/slurm`.
    let out: String
    let partition: String?
    let timeLimit: String?
    let cpusPerTask: Int
    /// Extra options for every shard (`--discount-rates …`, `--sampling …`,
    /// `--sensitivity-metric …`), already split into words.
    let shardOptions: [String]

    var shardFolder: String { out + "/shards" }
    var scriptFolder: String { out + "/slurm" }

    /// The array job's script.
    var shardScript: String {
        let run = [executable] + ShardCommandLine.arguments(
            scenario: scenario, index: "${SLURM_ARRAY_TASK_ID}", shards: shards, trials: trials, seed: seed,
            threads: "${SLURM_CPUS_PER_TASK:-\(cpusPerTask)}", out: shardFolder, options: shardOptions)
        return script(name: "shards", directives: ["--array=0-\(shards - 1)", "--output=\(scriptFolder)/shard-%a.log"],
                      command: run)
    }

    /// The merge job's script.
    var mergeScript: String {
        script(name: "merge", directives: ["--output=\(scriptFolder)/merge.log"],
               command: [executable, "merge", shardFolder, "--out", out, "--threads", "${SLURM_CPUS_PER_TASK:-\(cpusPerTask)}", "--quiet"])
    }

    private func script(name: String, directives: [String], command: [String]) -> String {
        var lines = ["#!/bin/bash", "# Written by `clvsim cluster slurm`; see docs/distributed.md."]
        var all = ["--job-name=clvsim-\(Self.jobName(scenarioName))-\(name)", "--cpus-per-task=\(cpusPerTask)"] + directives
        if let partition { all.append("--partition=\(partition)") }
        if let timeLimit { all.append("--time=\(timeLimit)") }
        lines += all.map { "#SBATCH \($0)" }
        lines += ["set -euo pipefail", "exec " + command.map(Self.shellWord).joined(separator: " "), ""]
        return lines.joined(separator: "\n")
    }

    /// A job-name-safe form of a scenario name: letters, digits, `-` and `_`.
    static func jobName(_ name: String) -> String {
        let safe = String(name.map { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") ? $0 : "-" })
        return String(safe.prefix(40))
    }

    /// A word for bash: single-quoted unless it is plain; `${…}` expansions stay double-quoted.
    static func shellWord(_ word: String) -> String {
        if word.contains("${") { return "\"" + word + "\"" }
        let plain = word.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "-_./:=,+%@".contains($0)) }
        if plain && !word.isEmpty { return word }
        return "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
