import CLVFit

/// Validation of a scenario's text before `clvsim fit --into` writes it.
enum ScenarioCheck {
    /// The problems of the scenario text, one line each as `SOURCE: message`; empty when valid.
    static func problems(in bytes: [UInt8], source: String) -> [String] {
        do {
            guard case .object = try JSONValue(parsing: bytes) else { return ["\(source): the scenario is not a JSON object"] }
            return []
        } catch let error as FitError {
            return [error.described(source: source)]
        } catch {
            return ["\(source): \(error)"]
        }
    }
}
