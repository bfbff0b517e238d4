/// The outcome of reading a scenario file: the scenario when it is valid, and every problem found.
public struct ScenarioReading: Sendable {
    /// The scenario, with defaults filled in; non-nil exactly when `errors` is empty.
    public var scenario: Scenario?
    /// Every problem that makes the file invalid, in file order as far as possible.
    public var errors: [ScenarioIssue]
    /// Things that are allowed but probably not meant (e.g. a viral coefficient ≥ 1).
    public var warnings: [ScenarioIssue]

    /// Creates a reading.
    ///
    /// - Complexity: O(1).
    public init(scenario: Scenario?, errors: [ScenarioIssue], warnings: [ScenarioIssue]) {
        self.scenario = scenario
        self.errors = errors
        self.warnings = warnings
    }

    /// Whether the file is a valid scenario.
    ///
    /// - Complexity: O(1).
    public var isValid: Bool { errors.isEmpty && scenario != nil }
}
