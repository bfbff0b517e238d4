import ArgumentParser
import CLVCore
import CLVReport
import Foundation

/// `clvsim cluster`: runs a scenario's trials as shards on a cluster scheduler, then merges them.
struct ClusterCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cluster",
        abstract: "Split a run into shards on Slurm or Kubernetes, with a merge job that writes the whole run's files.",
        discussion: """
            Each shard runs `clvsim run SCENARIO --shard I/N` with the index the scheduler gives \
            it; the merge job runs `clvsim merge` once every shard has succeeded. The merged \
            files are byte-identical to a one-process run of the same scenario, seed and trial \
            count (run timing and thread count aside), and a retried shard rewrites the same \
            file. See docs/distributed.md.
            """,
        subcommands: [ClusterSlurmCommand.self, ClusterKubernetesCommand.self]
    )
}

/// What every cluster subcommand takes: the scenario, the split and the shards' run options.
struct ClusterOptions: ParsableArguments {
    @Argument(help: "The scenario file (JSON).", completion: .file(extensions: ["json"]))
    var scenario: String

    @Option(help: "Number of shards N (1 ≤ N ≤ trials).")
    var shards: Int

    @Option(help: "Trials of the whole run (default: the scenario's `trials`).")
    var trials: Int?

    @Option(help: "Seed (default: the scenario's `seed`).")
    var seed: UInt64?

    @Option(name: .customLong("discount-rates"), parsing: .next,
            help: "Extra annual discount rates for every shard, as for `clvsim run`.",
            transform: DiscountRateList.parse)
    var discountRates: DiscountRateList?

    @Option(help: "How inputs are sampled: mc or lhs (Latin hypercube strata span the whole run).")
    var sampling: SamplingChoice = .mc

    @Option(name: .customLong("sensitivity-metric"), help: "The metric whose sensitivity the merged summary analyses.")
    var sensitivityMetric = "customerEquity"

    func validate() throws {
        guard shards >= 1, shards <= 100_000 else { throw ValidationError("--shards must be between 1 and 100000, got \(shards).") }
        if let trials, !ScenarioLimits.trials.contains(trials) {
            throw ValidationError("--trials must be between 1 and \(ScenarioLimits.trials.upperBound), got \(trials).")
        }
    }

    /// The scenario, checked, with the run's trial count and seed and the shards' extra options.
    func prepare() throws -> (file: LoadedScenario, trials: Int, seed: UInt64, shardOptions: [String]) {
        let file: LoadedScenario
        do {
            file = try loadScenarioFile(path: scenario)
        } catch {
            throw error.report()
        }
        let trials = trials ?? file.scenario.trials
        let seed = seed ?? file.scenario.seed
        guard shards <= trials else {
            printToStandardError("--shards \(shards): more shards than the run's \(trials) trials — use at most \(trials) shards or more --trials")
            throw ClvsimExit.usage.exitCode
        }
        let simulation: Simulation
        do {
            simulation = try Simulation(scenario: file.scenario)
        } catch {
            printToStandardError("\(scenario): \(error)")
            throw ClvsimExit.invalidInput.exitCode
        }
        let rates = discountRates?.rates ?? []
        let layout = simulation.layout(extraDiscountRates: rates)
        guard layout.metric(named: sensitivityMetric) != nil else {
            printToStandardError("--sensitivity-metric: '\(sensitivityMetric)' is not a metric of this scenario; choose one of: \(layout.names.joined(separator: ", "))")
            throw ClvsimExit.usage.exitCode
        }
        var options: [String] = []
        if !rates.isEmpty { options += ["--discount-rates", rates.map { String($0) }.joined(separator: ",")] }
        if sampling != .mc { options += ["--sampling", sampling.rawValue] }
        if sensitivityMetric != "customerEquity" { options += ["--sensitivity-metric", sensitivityMetric] }
        return (file, trials, seed, options)
    }
}

/// `clvsim cluster slurm`: sbatch scripts for a job array of shards and a merge job.
struct ClusterSlurmCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "slurm",
        abstract: "Write (and with --submit, submit) a Slurm job array of the shards and a merge job.",
        discussion: """
            Writes OUT/slurm/shards.sbatch (a job array: task I runs shard I/N with --threads set \
            to its CPUs, writing OUT/shards/) and OUT/slurm/merge.sbatch (merges OUT/shards into \
            OUT). With --submit, submits both with sbatch, the merge with \
            --dependency=afterok on the array, and prints the two job ids. Paths in the scripts \
            are absolute: OUT, the scenario and the clvsim executable must be visible at the same \
            paths on the compute nodes (a shared file system).
            """
    )

    @OptionGroup var cluster: ClusterOptions

    @Option(help: "Folder for the scripts, shards, logs and the merged results (shared with the nodes).")
    var out: String

    @Option(help: "Slurm partition (sbatch --partition).")
    var partition: String?

    @Option(help: "Time limit of each job (sbatch --time), e.g. 02:00:00.")
    var time: String?

    @Option(name: .customLong("cpus-per-task"), help: "CPUs of each shard and of the merge (sbatch --cpus-per-task); each shard runs that many threads.")
    var cpusPerTask = 1

    @Option(help: "The clvsim executable on the nodes (default: this one).")
    var executable: String?

    @Flag(help: "Submit the jobs with sbatch and print their ids.")
    var submit = false

    func validate() throws {
        guard (1...1024).contains(cpusPerTask) else { throw ValidationError("--cpus-per-task must be between 1 and 1024, got \(cpusPerTask).") }
        if out.isEmpty { throw ValidationError("--out must name a folder.") }
    }

    func run() throws {
        let (file, trials, seed, options) = try cluster.prepare()
        let job = SlurmJob(executable: absolute(executable ?? currentExecutable()), scenario: absolute(cluster.scenario),
                           scenarioName: file.scenario.name, shards: cluster.shards, trials: trials, seed: seed,
                           out: absolute(out), partition: partition, timeLimit: time, cpusPerTask: cpusPerTask,
                           shardOptions: options)
        let folder: OutputFolder
        do {
            folder = try OutputFolder(path: job.scriptFolder)
            _ = try OutputFolder(path: job.shardFolder, lock: false)
            try folder.write("shards.sbatch", text: job.shardScript)
            try folder.write("merge.sbatch", text: job.mergeScript)
        } catch {
            printToStandardError(error.line)
            throw error.exit.exitCode
        }
        let shardsScript = folder.file("shards.sbatch"), mergeScript = folder.file("merge.sbatch")
        guard submit else {
            print("Wrote \(shardsScript) and \(mergeScript). Submit them with:")
            print("  array=$(sbatch --parsable \(SlurmJob.shellWord(shardsScript)))")
            print("  sbatch --dependency=afterok:${array%%;*} \(SlurmJob.shellWord(mergeScript))")
            return
        }
        let arrayID = try sbatch([shardsScript])
        let mergeID = try sbatch(["--dependency=afterok:\(arrayID)", mergeScript])
        print("Submitted the shards as job \(arrayID) (array 0-\(cluster.shards - 1)) and the merge as job \(mergeID); the merged results will be in \(job.out)")
        print("shards \(arrayID)")
        print("merge \(mergeID)")
    }

    /// Runs `sbatch --parsable ARGS` and returns the job id it prints.
    private func sbatch(_ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["sbatch", "--parsable"] + arguments
        let output = Pipe(), errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        do {
            try process.run()
        } catch {
            printToStandardError("sbatch: cannot start it (\(error.localizedDescription)) — is Slurm installed on this machine?")
            throw ClvsimExit.internalError.exitCode
        }
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let problem = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        let id = text.split(separator: "\n").first.map { String($0.split(separator: ";")[0]) } ?? ""
        guard process.terminationStatus == 0, !id.isEmpty, id.allSatisfy(\.isNumber) else {
            printToStandardError("sbatch failed (exit \(process.terminationStatus)): \(problem.trimmingCharacters(in: .whitespacesAndNewlines))")
            throw ClvsimExit.internalError.exitCode
        }
        return id
    }
}

/// `clvsim cluster kubernetes`: Indexed Job manifests of the shards and the merge.
struct ClusterKubernetesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kubernetes",
        abstract: "Write Kubernetes manifests (JSON): the scenario as a ConfigMap, an Indexed Job of the shards and one of the merge.",
        discussion: """
            Writes OUT/configmap.json, OUT/shards-job.json (completionMode Indexed, completions \
            N: the pod with JOB_COMPLETION_INDEX I runs shard I/N) and OUT/merge-job.json. Both \
            jobs mount the PersistentVolumeClaim --claim at --mount; shards go to \
            <mount>/<scenario>/shards and the merged results to <mount>/<scenario>. Apply with:
              kubectl apply -f OUT/configmap.json -f OUT/shards-job.json
              kubectl wait --for=condition=complete --timeout=24h job/clvsim-<scenario>-shards
              kubectl apply -f OUT/merge-job.json
            """
    )

    @OptionGroup var cluster: ClusterOptions

    @Option(help: "Folder to write the manifests into.")
    var out: String

    @Option(help: "Container image with clvsim on its PATH.")
    var image: String

    @Option(help: "PersistentVolumeClaim for shards and results (ReadWriteMany when shards run on several nodes).")
    var claim: String

    @Option(help: "Where the claim is mounted in the containers.")
    var mount = "/results"

    @Option(help: "CPUs requested by each pod; each shard runs that many threads.")
    var cpus = 1

    func validate() throws {
        guard (1...1024).contains(cpus) else { throw ValidationError("--cpus must be between 1 and 1024, got \(cpus).") }
        guard mount.hasPrefix("/") else { throw ValidationError("--mount must be an absolute path, got '\(mount)'.") }
        if out.isEmpty { throw ValidationError("--out must name a folder.") }
    }

    func run() throws {
        let (file, trials, seed, options) = try cluster.prepare()
        guard file.bytes.count <= 1_000_000 else {
            printToStandardError("\(cluster.scenario): the scenario is \(file.bytes.count) bytes; a ConfigMap holds at most about 1 MB — shorten it (long sample lists are the usual cause)")
            throw ClvsimExit.invalidInput.exitCode
        }
        let job = KubernetesJob(image: image, scenarioName: file.scenario.name,
                                scenarioText: String(decoding: file.bytes, as: UTF8.self), shards: cluster.shards,
                                trials: trials, seed: seed, claim: claim, mountPath: mount.hasSuffix("/") ? String(mount.dropLast()) : mount,
                                cpus: cpus, shardOptions: options)
        do {
            let folder = try OutputFolder(path: out)
            try folder.write("configmap.json", text: job.configMap.rendered() + "\n")
            try folder.write("shards-job.json", text: job.shardJob.rendered() + "\n")
            try folder.write("merge-job.json", text: job.mergeJob.rendered() + "\n")
            print("Wrote \(folder.file("configmap.json")), \(folder.file("shards-job.json")) and \(folder.file("merge-job.json")). Apply with:")
            print("  kubectl apply -f \(folder.file("configmap.json")) -f \(folder.file("shards-job.json"))")
            print("  kubectl wait --for=condition=complete --timeout=24h job/\(job.baseName)-shards")
            print("  kubectl apply -f \(folder.file("merge-job.json"))")
        } catch {
            printToStandardError(error.line)
            throw error.exit.exitCode
        }
    }
}

/// An absolute form of `path` (relative paths are taken from the current folder).
func absolute(_ path: String) -> String {
    if path.hasPrefix("/") { return path }
    let here = FileManager.default.currentDirectoryPath
    return (here.hasSuffix("/") ? here : here + "/") + path
}

/// The path of the running clvsim executable.
func currentExecutable() -> String {
    (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
}
