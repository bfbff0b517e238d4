import CLVCore

/// Validation of a scenario's text before `clvsim fit --into` writes it.
enum ScenarioCheck {
    /// The problems and warnings of the scenario text, one line each as
    /// `SOURCE: $.path: message — fix`; `errors` is empty when the text is a valid scenario.
    ///
    /// - Complexity: that of `ScenarioReader.read`.
    static func check(_ bytes: [UInt8], source: String) -> (errors: [String], warnings: [String]) {
        let reading = ScenarioReader.read(bytes)
        return (reading.errors.map { $0.formatted(file: source) },
                reading.warnings.map { "warning: " + $0.formatted(file: source) })
    }
}
