/// A decision variable: an amount the business chooses, within bounds, that response curves
/// spend (docs/optimization.md "Decisions").
///
/// `clvsim run` simulates the scenario with every decision at its `value`; `clvsim optimize`
/// searches the box [min, max] of every decision for the values that maximise the objective.
public struct Decision: Sendable, Equatable {
    /// Unique name; a response curve's `spend` refers to it.
    public var name: String
    /// Smallest allowed value (≥ 0: decisions are spends).
    public var min: Double
    /// Largest allowed value (≥ min).
    public var max: Double
    /// The value `clvsim run` uses; defaults to `min`.
    public var value: Double

    public init(name: String, min: Double, max: Double, value: Double? = nil) {
        self.name = name
        self.min = min
        self.max = max
        self.value = value ?? min
    }
}
