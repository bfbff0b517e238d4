/// The command line of one shard of a run on a cluster, `run SCENARIO --shard I/N …` — the one
/// definition the Slurm scripts and the Kubernetes manifests share (docs/distributed.md).
enum ShardCommandLine {
    /// The words after the executable. `index` and `threads` may be the scheduler's own
    /// expansions (`${SLURM_ARRAY_TASK_ID}`, `$(JOB_COMPLETION_INDEX)`).
    static func arguments(scenario: String, index: String, shards: Int, trials: Int, seed: UInt64, threads: String,
                          out: String, options: [String]) -> [String] {
        ["run", scenario, "--shard", "\(index)/\(shards)", "--trials", String(trials), "--seed", String(seed),
         "--threads", threads, "--out", out, "--quiet"] + options
    }
}
