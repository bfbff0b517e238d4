import ArgumentParser

/// Options every `clvsim fit` subcommand shares: how the result is printed and which scenario
/// file it updates.
struct FitScenarioOptions: ParsableArguments {
    @Flag(name: .long, help: "Print estimates, standard errors, covariance and log-likelihood as JSON.")
    var json = false

    @Option(name: .long, help: "Scenario file to update in place with the fitted parameters.",
            completion: .file(extensions: ["json"]))
    var into: String?
}

/// The output options of a fit that describes one segment: `FitScenarioOptions` and the segment.
struct FitOutputOptions: ParsableArguments {
    @OptionGroup var scenario: FitScenarioOptions

    @Option(name: .long, help: "Segment of the scenario the fitted parameters belong to.")
    var segment: String?

    func validate() throws {
        if into != nil, segment == nil {
            throw ValidationError("--into needs --segment NAME: say which segment of the scenario the fit describes")
        }
        if let segment, segment.isEmpty {
            throw ValidationError("--segment needs a non-empty segment name")
        }
    }

    /// Whether to print JSON.
    var json: Bool { scenario.json }
    /// The scenario file to update.
    var into: String? { scenario.into }
    /// The segment name the fragment carries.
    var segmentName: String { segment ?? "segment" }
}
