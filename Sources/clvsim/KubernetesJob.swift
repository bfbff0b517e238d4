import CLVReport

/// The manifests of a sharded run on Kubernetes (docs/distributed.md "Kubernetes"), as JSON:
/// a ConfigMap holding the scenario, an Indexed Job of N completions whose pod with
/// `JOB_COMPLETION_INDEX` = I runs shard `I/N`, and an Indexed Job of one completion that merges
/// the shards, both writing to a PersistentVolumeClaim the user names.
struct KubernetesJob {
    let image: String
    let scenarioName: String
    /// The scenario file's text, carried by the ConfigMap.
    let scenarioText: String
    let shards: Int
    let trials: Int
    let seed: UInt64
    /// The PersistentVolumeClaim for shards and results, and where it is mounted.
    let claim: String
    let mountPath: String
    let cpus: Int
    /// Extra options for every shard, already split into words.
    let shardOptions: [String]

    /// Where the ConfigMap's scenario file appears in the containers.
    static let scenarioMount = "/etc/clvsim"
    static let scenarioFile = "/etc/clvsim/scenario.json"

    var baseName: String { "clvsim-" + Self.resourceName(scenarioName) }
    var shardFolder: String { mountPath + "/" + Self.resourceName(scenarioName) + "/shards" }
    var resultFolder: String { mountPath + "/" + Self.resourceName(scenarioName) }

    /// The ConfigMap with the scenario.
    var configMap: JSONText {
        .object([
            ("apiVersion", .string("v1")), ("kind", .string("ConfigMap")),
            ("metadata", .object([("name", .string(baseName + "-scenario"))])),
            ("data", .object([("scenario.json", .string(scenarioText))])),
        ])
    }

    /// The Indexed Job of the shards.
    var shardJob: JSONText {
        job(name: baseName + "-shards", completions: shards,
            arguments: ShardCommandLine.arguments(scenario: Self.scenarioFile, index: "$(JOB_COMPLETION_INDEX)", shards: shards,
                                                  trials: trials, seed: seed, threads: String(cpus), out: shardFolder,
                                                  options: shardOptions))
    }

    /// The Indexed Job of one completion that merges the shards; apply it once the shard job is
    /// complete (`kubectl wait --for=condition=complete job/<name>-shards`).
    var mergeJob: JSONText {
        job(name: baseName + "-merge", completions: 1,
            arguments: ["merge", shardFolder, "--out", resultFolder, "--threads", String(cpus), "--quiet"])
    }

    private func job(name: String, completions: Int, arguments: [String]) -> JSONText {
        let container: JSONText = .object([
            ("name", .string("clvsim")),
            ("image", .string(image)),
            ("command", .array([.string("clvsim")])),
            ("args", .array(arguments.map { .string($0) })),
            ("resources", .object([("requests", .object([("cpu", .string(String(cpus)))]))])),
            ("volumeMounts", .array([
                .object([("name", .string("results")), ("mountPath", .string(mountPath))]),
                .object([("name", .string("scenario")), ("mountPath", .string(Self.scenarioMount)), ("readOnly", .bool(true))]),
            ])),
        ])
        return .object([
            ("apiVersion", .string("batch/v1")), ("kind", .string("Job")),
            ("metadata", .object([("name", .string(name))])),
            ("spec", .object([
                ("completionMode", .string("Indexed")),
                ("completions", .integer(completions)),
                ("parallelism", .integer(completions)),
                ("backoffLimit", .integer(2 * completions)),
                ("template", .object([
                    ("spec", .object([
                        ("restartPolicy", .string("Never")),
                        ("containers", .array([container])),
                        ("volumes", .array([
                            .object([("name", .string("results")),
                                     ("persistentVolumeClaim", .object([("claimName", .string(claim))]))]),
                            .object([("name", .string("scenario")),
                                     ("configMap", .object([("name", .string(baseName + "-scenario"))]))]),
                        ])),
                    ])),
                ])),
            ])),
        ])
    }

    /// A DNS-label-safe form of a scenario name: lower-case letters, digits and `-`.
    static func resourceName(_ name: String) -> String {
        var out = String(name.lowercased().map { $0.isASCII && ($0.isLetter || $0.isNumber) ? $0 : "-" })
        while out.hasPrefix("-") { out.removeFirst() }
        while out.hasSuffix("-") { out.removeLast() }
        return out.isEmpty ? "run" : String(out.prefix(40))
    }
}
