import CLVCore

/// Validation of a scenario's text before `clvsim fit --into` writes it.
enum ScenarioCheck {
    /// The problems of the scenario text, one line each as `SOURCE: $.path: message — fix`;
    /// empty when the text is a valid scenario.
    ///
    /// - Complexity: that of `ScenarioReader.read`.
    static func problems(in bytes: [UInt8], source: String) -> [String] {
        ScenarioReader.read(bytes).errors.map { $0.formatted(file: source) }
    }
}
