import ArgumentParser
import CLVCore

/// `clvsim schema`: prints the JSON Schema (draft 2020-12) of scenario files.
struct SchemaCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schema",
        abstract: "Print the JSON Schema (draft 2020-12) of scenario files.",
        discussion: """
            Save it (e.g. `clvsim schema > clvsim.schema.json`) and point your editor at it, or add \
            "$schema": "clvsim.schema.json" to a scenario, for completion and inline checks. \
            The schema checks structure; `clvsim validate` also checks the rules it cannot express.
            """
    )

    func run() throws {
        print(ScenarioSchema.json)
    }
}
