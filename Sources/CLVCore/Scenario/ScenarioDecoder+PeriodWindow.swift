/// Reading `fromPeriod` / `toPeriod`: the periods of an acquisition plan, of a strategy change
/// and of a strategy's recurring cost (docs/scenario-format.md).
extension ScenarioDecoder {
    /// The window of the object `fields`, or nil after reporting a problem. `horizon` is nil
    /// when the scenario's horizon is itself invalid. With `required`, both keys must be
    /// present; otherwise a missing `fromPeriod` is 1 and a missing `toPeriod` the horizon, and
    /// `absent` is returned when neither key is written.
    ///
    /// - Complexity: O(1).
    mutating func periodWindow(_ fields: JSONFields, horizon: Int?, required: Bool) -> PeriodWindowReading {
        if !required && fields["fromPeriod"] == nil && fields["toPeriod"] == nil { return .absent }
        let periodRange = 1...(horizon ?? ScenarioLimits.horizonPeriods.upperBound)
        let periodWhat = horizon == nil ? "" : " (the horizon is \(periodRange.upperBound) periods)"
        let from = fields["fromPeriod"].map { integer($0, at: fields.path("fromPeriod"), what: "fromPeriod\(periodWhat)", range: periodRange) }
            ?? (required ? nil : 1)
        let to = fields["toPeriod"].map { integer($0, at: fields.path("toPeriod"), what: "toPeriod\(periodWhat)", range: periodRange) }
            ?? (required ? nil : periodRange.upperBound)
        guard let from, let to else { return .invalid }
        if from > to {
            error(fields.path("toPeriod"), "toPeriod \(to) comes before fromPeriod \(from)",
                  fix: "make fromPeriod ≤ toPeriod (both inclusive)")
            return .invalid
        }
        return .window(PeriodWindow(fromPeriod: from, toPeriod: to))
    }
}

/// The outcome of reading a window.
enum PeriodWindowReading {
    /// Neither key was written (optional windows only).
    case absent
    case window(PeriodWindow)
    /// A problem was reported.
    case invalid

    /// The window read, if any.
    var window: PeriodWindow? {
        if case .window(let w) = self { return w }
        return nil
    }
}
